using System.Text.Json;
using FreqScope.Core.Tables;
using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// Reads a <c>classify</c> run folder into a <see cref="ClassifyRunData"/>. config.json, manifest.json and
/// metrics.csv are required; filtering.csv and projection.csv are present only when their method ran, and
/// summary.json is absent while the run is going or after a failure. Every problem is reported as an
/// <see cref="InvalidDataException"/> naming the file, and for CSV files the line, value and column (the same rules
/// and messages as <see cref="FitRunFolderReader"/>).
/// </summary>
public static class ClassifyRunFolderReader
{
    /// <summary>The value of config.json's <c>experiment</c> for this kind of run.</summary>
    public const string Experiment = "classify";

    /// <summary>The metrics file's name.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>The filtering method's file name.</summary>
    public const string FilteringFile = "filtering.csv";

    /// <summary>The projection method's file name.</summary>
    public const string ProjectionFile = "projection.csv";

    /// <summary>The interpolation-path spectra's file name.</summary>
    public const string PathsFile = "paths.csv";

    /// <summary>The header line of paths.csv.</summary>
    public const string PathsHeader = "epoch,kind,frequency,density";

    /// <summary>The header line of metrics.csv.</summary>
    public const string MetricsHeader = "epoch,step,learning_rate,train_loss,train_accuracy,test_loss,test_accuracy";

    /// <summary>The header line of filtering.csv.</summary>
    public const string FilteringHeader = "epoch,delta,e_low,e_high";

    /// <summary>The header line of projection.csv.</summary>
    public const string ProjectionHeader = "epoch,index,frequency,output_abs,target_abs,delta_complex,delta_magnitude";

    /// <summary>Reads and validates every data file of the run folder.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The parsed run.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static ClassifyRunData Read(string runDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"run folder not found: {dir}");
        }

        string configText = RunFiles.ReadRequired(dir, "config.json");
        string? name = ParseConfig(configText);
        ManifestView manifest = RunFiles.ParseManifest(RunFiles.ReadRequired(dir, "manifest.json"));
        ClassifyMetricRow[] metrics = RunFiles.ParseCsv(RunFiles.ReadRequired(dir, MetricsFile), MetricsFile, MetricsHeader, ParseMetric);
        string? filteringText = RunFiles.ReadOptional(dir, FilteringFile);
        FilteringRow[]? filtering = filteringText is null ? null : RunFiles.ParseCsv(filteringText, FilteringFile, FilteringHeader, ParseFiltering);
        string? projectionText = RunFiles.ReadOptional(dir, ProjectionFile);
        ProjectionRow[]? projection = projectionText is null ? null : RunFiles.ParseCsv(projectionText, ProjectionFile, ProjectionHeader, ParseProjection);
        string? pathsText = RunFiles.ReadOptional(dir, PathsFile);
        PathRow[]? paths = pathsText is null ? null : RunFiles.ParseCsv(pathsText, PathsFile, PathsHeader, ParsePath);
        string? summaryText = RunFiles.ReadOptional(dir, "summary.json");
        ClassifySummary? summary = summaryText is null ? null : ParseSummary(summaryText);

        return new ClassifyRunData(dir, configText, name, manifest, metrics, filtering, projection, summary, paths);
    }

    /// <summary>Parses summary.json into the <see cref="ClassifySummary"/> contract; unknown properties are ignored.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed, a required property is missing or null, or a value is invalid.</exception>
    public static ClassifySummary ParseSummary(string text)
    {
        const string file = "summary.json";
        ClassifySummary summary = RunFiles.DeserializeSummary<ClassifySummary>(text);

        string? errorForm = summary.Projection?.ErrorForm;
        if (errorForm is not null and not "complex" and not "magnitude")
        {
            throw new InvalidDataException($"{file}: projection.errorForm \"{errorForm}\" is neither \"complex\" nor \"magnitude\"");
        }

        return summary;
    }

    private static string? ParseConfig(string text)
    {
        const string file = "config.json";
        using JsonDocument document = RunFiles.ParseJson(text, file);
        JsonElement root = document.RootElement;
        RunFiles.CheckExperiment(root, Experiment, file);
        return RunFiles.OptionalString(root, "name", file);
    }

    private static ClassifyMetricRow ParseMetric(string[] f, string file, int line) => new(
        Epoch(f[0], file, line),
        CsvFormat.ParseInt64(f[1], file, line, "step"),
        CsvFormat.ParseDouble(f[2], file, line, "learning_rate"),
        CsvFormat.ParseDouble(f[3], file, line, "train_loss"),
        CsvFormat.ParseDouble(f[4], file, line, "train_accuracy"),
        CsvFormat.ParseDouble(f[5], file, line, "test_loss"),
        CsvFormat.ParseDouble(f[6], file, line, "test_accuracy"));

    private static FilteringRow ParseFiltering(string[] f, string file, int line) => new(
        Epoch(f[0], file, line),
        CsvFormat.ParseDouble(f[1], file, line, "delta"),
        CsvFormat.ParseDouble(f[2], file, line, "e_low"),
        CsvFormat.ParseDouble(f[3], file, line, "e_high"));

    private static PathRow ParsePath(string[] f, string file, int line)
    {
        long epoch = CsvFormat.ParseInt64(f[0], file, line, "epoch");
        if (epoch < 0 || epoch > int.MaxValue) throw new InvalidDataException($"{file} line {line}: \"{f[0]}\" is not an epoch (column epoch)");
        if (f[1] is not (PathProbeKinds.Within or PathProbeKinds.Between))
            throw new InvalidDataException($"{file} line {line}: \"{f[1]}\" is not a kind of pair (column kind); expected within or between");
        return new PathRow((int)epoch, f[1], CsvFormat.ParseDouble(f[2], file, line, "frequency"), CsvFormat.ParseDouble(f[3], file, line, "density"));
    }

    private static ProjectionRow ParseProjection(string[] f, string file, int line) => new(
        Epoch(f[0], file, line),
        NonNegativeInt32(f[1], file, line, "index", "frequency-grid index"),
        CsvFormat.ParseDouble(f[2], file, line, "frequency"),
        CsvFormat.ParseDouble(f[3], file, line, "output_abs"),
        CsvFormat.ParseDouble(f[4], file, line, "target_abs"),
        CsvFormat.ParseDouble(f[5], file, line, "delta_complex"),
        CsvFormat.ParseDouble(f[6], file, line, "delta_magnitude"));

    private static int Epoch(string text, string file, int line) => NonNegativeInt32(text, file, line, "epoch", "epoch");

    private static int NonNegativeInt32(string text, string file, int line, string column, string what)
    {
        long value = CsvFormat.ParseInt64(text, file, line, column);
        if (value < 0 || value > int.MaxValue)
        {
            throw new InvalidDataException($"{file} line {line}: \"{text}\" is not a valid {what} (column {column})");
        }

        return (int)value;
    }
}
