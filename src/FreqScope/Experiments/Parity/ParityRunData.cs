using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Parity;

/// <summary>Everything in a <c>parity</c> run folder's data files, parsed by <see cref="ParityRunFolderReader"/>.</summary>
/// <param name="RunDirectory">The run folder (full path).</param>
/// <param name="ConfigJson">The text of config.json.</param>
/// <param name="Config">config.json, validated.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="Metrics">metrics.csv.</param>
/// <param name="Spectra">spectra.csv.</param>
/// <param name="Target">target-spectrum.csv.</param>
/// <param name="Bands">bands.csv, or null when absent (the run has not finished).</param>
/// <param name="Summary">summary.json, or null when absent.</param>
public sealed record ParityRunData(
    string RunDirectory,
    string ConfigJson,
    ParityExperimentConfig Config,
    ManifestView Manifest,
    IReadOnlyList<ParityMetricRow> Metrics,
    IReadOnlyList<ParitySpectrumRow> Spectra,
    IReadOnlyList<ParityTargetRow> Target,
    IReadOnlyList<ParityBandRow>? Bands,
    ParitySummary? Summary)
{
    /// <summary>Whether the manifest says the run finished.</summary>
    public bool IsFinished => Manifest.Finished && Manifest.Status == "finished";
}
