using System.Text.Json;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// Reads a <c>poisson</c> run folder into a <see cref="PoissonRunData"/>. config.json (with
/// <c>problem.dimension</c>), manifest.json and errors.csv are required; modes.csv and solution.csv are read when
/// present, and summary.json is absent while the run is going or after a failure. Every problem is reported as an
/// <see cref="InvalidDataException"/> naming the file, and for CSV files the line, value and column (the same rules
/// and messages as <see cref="FitRunFolderReader"/>).
/// </summary>
public static class PoissonRunFolderReader
{
    /// <summary>The error history's file name.</summary>
    public const string ErrorsFile = "errors.csv";

    /// <summary>The per-mode error file's name.</summary>
    public const string ModesFile = "modes.csv";

    /// <summary>The solution file's name.</summary>
    public const string SolutionFile = "solution.csv";

    /// <summary>Reads and validates every data file of the run folder.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The parsed run.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static PoissonRunData Read(string runDir)
    {
        var (dir, configText, config, manifest) = RunFiles.Open(runDir, ParseConfig);
        PoissonErrorRow[] errors = PoissonErrorRow.Csv.Read(dir);
        PoissonModeRow[]? modes = PoissonModeRow.Csv.ReadOptional(dir);
        PoissonSolutionRow[]? solution = (config.Dimension == 1 ? PoissonSolutionRow.Solution1dCsv : PoissonSolutionRow.Solution2dCsv).ReadOptional(dir);
        var summary = RunFiles.OptionalSummary(dir, ParseSummary);

        return new PoissonRunData(dir, configText, config.Name, config.Dimension, config.DomainMin, config.DomainMax, config.Intervals,
            config.Tolerance, manifest, errors, modes, solution, summary);
    }

    /// <summary>Parses summary.json into the <see cref="PoissonSummary"/> contract; unknown properties are ignored.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed, a required property is missing or null, or a method name is unknown.</exception>
    public static PoissonSummary ParseSummary(string text)
    {
        const string file = RunFolder.SummaryFile;
        PoissonSummary summary = RunFiles.DeserializeSummary<PoissonSummary>(text);
        for (int i = 0; i < summary.Methods.Count; i++)
        {
            string method = summary.Methods[i].Method;
            if (!PoissonMethods.IsValid(method))
            {
                throw new InvalidDataException($"{file}: methods[{i}].method \"{method}\" is not a method (expected {PoissonMethods.Expected})");
            }
        }

        return summary;
    }

    private static Config ParseConfig(string text)
    {
        const string file = RunFolder.ConfigFile;
        using JsonDocument document = RunFiles.ParseJson(text, file);
        JsonElement root = document.RootElement;
        RunFiles.CheckExperiment(root, PoissonExperimentConfig.Poisson, file);
        string? name = RunFiles.OptionalString(root, "name", file);
        double? tolerance = RunFiles.OptionalDouble(root, "tolerance", file);
        if (!root.TryGetProperty("problem", out JsonElement problem) || problem.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file}: \"problem\" is missing or not an object");
        }

        const string prefix = "problem.";
        int dimension = RunFiles.OptionalInt32(problem, "dimension", file, prefix)
            ?? throw new InvalidDataException($"{file}: \"{prefix}dimension\" is missing");
        if (dimension is not (1 or 2))
        {
            throw new InvalidDataException($"{file}: \"{prefix}dimension\" is {dimension}, not 1 or 2");
        }

        int? intervals = RunFiles.OptionalInt32(problem, "intervals", file, prefix);
        (double? min, double? max) = (null, null);
        if (problem.TryGetProperty("domain", out JsonElement domain) && domain.ValueKind != JsonValueKind.Null)
        {
            if (domain.ValueKind != JsonValueKind.Array || domain.GetArrayLength() != 2
                || domain.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            {
                throw new InvalidDataException($"{file}: \"{prefix}domain\" is {domain.GetRawText()}, not [min, max]");
            }

            (min, max) = (domain[0].GetDouble(), domain[1].GetDouble());
        }

        return new Config(name, dimension, min, max, intervals, tolerance);
    }

    /// <summary>Refuses a row of <paramref name="file"/> whose method is not one <paramref name="valid"/> accepts.</summary>
    internal static void CheckMethod(string method, string file, int line, Func<string, bool> valid, string expected)
    {
        if (!valid(method)) throw new InvalidDataException($"{file} line {line}: \"{method}\" is not a method (column method; expected {expected})");
    }

    /// <summary>Refuses a row of modes.csv of a hybrid, or with a negative relative error.</summary>
    internal static void CheckMode(PoissonModeRow row, string[] fields, string file, int line)
    {
        CheckMethod(row.Method, file, line, PoissonMethods.HasModes, "jacobi, dampedJacobi, gaussSeidel or network; hybrids have no mode rows");
        if (row.RelativeError < 0)
            throw new InvalidDataException($"{file} line {line}: \"{fields[4]}\" is negative, not a relative error (column relative_error)");
    }

    private sealed record Config(string? Name, int Dimension, double? DomainMin, double? DomainMax, int? Intervals, double? Tolerance);
}
