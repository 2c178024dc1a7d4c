using System.Text.Json;
using FreqScope.Core.Runs;
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
    /// <summary>The metrics file's name.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>The filtering method's file name.</summary>
    public const string FilteringFile = "filtering.csv";

    /// <summary>The projection method's file name.</summary>
    public const string ProjectionFile = "projection.csv";

    /// <summary>The interpolation-path spectra's file name.</summary>
    public const string PathsFile = "paths.csv";

    /// <summary>Reads and validates every data file of the run folder.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The parsed run.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static ClassifyRunData Read(string runDir)
    {
        var (dir, configText, name, manifest) = RunFiles.Open(runDir, ParseConfig);
        ClassifyMetricRow[] metrics = ClassifyMetricRow.Csv.Read(dir);
        FilteringRow[]? filtering = FilteringRow.Csv.ReadOptional(dir);
        ProjectionRow[]? projection = ProjectionRow.Csv.ReadOptional(dir);
        PathRow[]? paths = PathRow.Csv.ReadOptional(dir);
        var summary = RunFiles.OptionalSummary(dir, ParseSummary);

        return new ClassifyRunData(dir, configText, name, manifest, metrics, filtering, projection, summary, paths);
    }

    /// <summary>Parses summary.json into the <see cref="ClassifySummary"/> contract; unknown properties are ignored.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed, a required property is missing or null, or a value is invalid.</exception>
    public static ClassifySummary ParseSummary(string text)
    {
        const string file = RunFolder.SummaryFile;
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
        const string file = RunFolder.ConfigFile;
        using JsonDocument document = RunFiles.ParseJson(text, file);
        JsonElement root = document.RootElement;
        RunFiles.CheckExperiment(root, ClassifyExperimentConfig.Classify, file);
        return RunFiles.OptionalString(root, "name", file);
    }
}
