using System.Text.Json;
using FreqScope.Core.Tables;
using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// Reads an <c>ntk</c> run folder into an <see cref="NtkRunData"/>. config.json, manifest.json and trajectory.csv are
/// required; eigen.csv, projections.csv and outputs.csv are read when present, and summary.json is absent while the
/// run is going or after a failure. Every problem is an <see cref="InvalidDataException"/> naming the file, and for
/// CSV files the line, value and column (the rules and messages of <see cref="FitRunFolderReader"/>).
/// </summary>
public static class NtkRunFolderReader
{
    /// <summary>The value of config.json's <c>experiment</c> for this kind of run.</summary>
    public const string Experiment = "ntk";

    /// <summary>Reads and validates every data file of the run folder.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The parsed run.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static NtkRunData Read(string runDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"run folder not found: {dir}");
        }

        string configText = RunFiles.ReadRequired(dir, "config.json");
        string? name;
        using (JsonDocument document = RunFiles.ParseJson(configText, "config.json"))
        {
            RunFiles.CheckExperiment(document.RootElement, Experiment, "config.json");
            name = RunFiles.OptionalString(document.RootElement, "name", "config.json");
        }

        ManifestView manifest = RunFiles.ParseManifest(RunFiles.ReadRequired(dir, "manifest.json"));
        NtkTrajectoryRow[] trajectory = RunFiles.ParseCsv(RunFiles.ReadRequired(dir, "trajectory.csv"), "trajectory.csv",
            NtkExperiment.TrajectoryHeader, ParseTrajectory);
        NtkEigenRow[]? eigen = Optional(dir, "eigen.csv", NtkExperiment.EigenHeader, ParseEigen);
        NtkProjectionRow[]? projections = Optional(dir, "projections.csv", NtkExperiment.ProjectionsHeader, ParseProjection);
        NtkOutputRow[]? outputs = Optional(dir, "outputs.csv", NtkExperiment.OutputsHeader, ParseOutput);
        string? summaryText = RunFiles.ReadOptional(dir, "summary.json");
        NtkSummary? summary = summaryText is null ? null : RunFiles.DeserializeSummary<NtkSummary>(summaryText);
        return new NtkRunData(dir, configText, name, manifest, eigen, trajectory, projections, outputs, summary);
    }

    private static T[]? Optional<T>(string dir, string file, string header, Func<string[], string, int, T> parse)
    {
        string? text = RunFiles.ReadOptional(dir, file);
        return text is null ? null : RunFiles.ParseCsv(text, file, header, parse);
    }

    private static NtkEigenRow ParseEigen(string[] f, string file, int line) => new(
        Index(f[0], file, line, "index"),
        CsvFormat.ParseDouble(f[1], file, line, "eigenvalue"),
        Index(f[2], file, line, "dft_index"),
        CsvFormat.ParseDouble(f[3], file, line, "frequency"));

    private static NtkTrajectoryRow ParseTrajectory(string[] f, string file, int line) => new(
        Step(f[0], file, line),
        CsvFormat.ParseDouble(f[1], file, line, "loss_real"),
        CsvFormat.ParseDouble(f[2], file, line, "loss_linear"),
        CsvFormat.ParseDouble(f[3], file, line, "discrepancy"),
        OptionalDouble(f[4], file, line, "test_loss_real"),
        OptionalDouble(f[5], file, line, "test_loss_linear"),
        OptionalDouble(f[6], file, line, "test_discrepancy"));

    private static NtkProjectionRow ParseProjection(string[] f, string file, int line) => new(
        Step(f[0], file, line),
        Index(f[1], file, line, "k"),
        CsvFormat.ParseDouble(f[2], file, line, "eigenvalue"),
        CsvFormat.ParseDouble(f[3], file, line, "real"),
        CsvFormat.ParseDouble(f[4], file, line, "linear"));

    private static NtkOutputRow ParseOutput(string[] f, string file, int line) => new(
        Step(f[0], file, line),
        f[1] is "train" or "test" ? f[1] : throw new InvalidDataException($"{file} line {line}: \"{f[1]}\" is not train or test (column set)"),
        CsvFormat.ParseDouble(f[2], file, line, "x"),
        CsvFormat.ParseDouble(f[3], file, line, "target"),
        CsvFormat.ParseDouble(f[4], file, line, "real"),
        CsvFormat.ParseDouble(f[5], file, line, "linear"));

    private static long Step(string text, string file, int line)
    {
        long value = CsvFormat.ParseInt64(text, file, line, "step");
        return value >= 0 ? value : throw new InvalidDataException($"{file} line {line}: \"{text}\" is not a valid step (column step)");
    }

    private static int Index(string text, string file, int line, string column)
    {
        long value = CsvFormat.ParseInt64(text, file, line, column);
        return value is >= 0 and <= int.MaxValue
            ? (int)value
            : throw new InvalidDataException($"{file} line {line}: \"{text}\" is not a valid index (column {column})");
    }

    private static double? OptionalDouble(string text, string file, int line, string column) =>
        text.Trim().Length == 0 ? null : CsvFormat.ParseDouble(text, file, line, column);
}
