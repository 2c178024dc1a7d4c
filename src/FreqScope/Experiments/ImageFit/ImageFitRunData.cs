using FreqScope.Core.Runs;
using FreqScope.Reporting;

namespace FreqScope.Experiments.ImageFit;

/// <summary>Everything an image-fit report needs from a run folder (read by <see cref="ImageFitReport"/>).</summary>
public sealed record ImageFitRunData(
    string RunDirectory,
    string ConfigJson,
    ImageFitExperimentConfig Config,
    ManifestView Manifest,
    IReadOnlyList<ImageFitMetricRow> Metrics,
    IReadOnlyList<ImageFitBandRow> Bands,
    IReadOnlyList<ImageFitPixelRow> Image,
    IReadOnlyList<ImageFitPixelRow> Predictions,
    ImageFitSummary? Summary)
{
    /// <summary>True when the manifest says the run finished.</summary>
    public bool IsFinished => Manifest.Finished && Manifest.Status == "finished";

    /// <summary>Reads and validates the run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static ImageFitRunData Read(string runDir)
    {
        var (dir, configText, config, manifest) = RunFiles.Open(runDir, text => ConfigLoader.Parse<ImageFitExperimentConfig>(text, RunFolder.ConfigFile));
        var summary = RunFiles.OptionalSummary<ImageFitSummary>(dir);
        return new ImageFitRunData(dir, configText, config, manifest, ImageFitMetricRow.Csv.Read(dir), ImageFitBandRow.Csv.Read(dir),
            ImageFitPixelRow.ImageCsv.Read(dir), ImageFitPixelRow.PredictionsCsv.Read(dir), summary);
    }
}
