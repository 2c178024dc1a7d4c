using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>Everything in a <c>fourier-features</c> run folder's data files, parsed by <see cref="FourierRunFolderReader"/>.</summary>
/// <param name="RunDirectory">The run folder (full path).</param>
/// <param name="ConfigJson">The text of config.json.</param>
/// <param name="Config">config.json, validated.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="Spectra">spectra.csv: the network's error spectrum on ξ ≥ 0 at every probe.</param>
/// <param name="Loss">loss.csv.</param>
/// <param name="Pde">pde.csv, or null when absent (no PDE, or the run has not finished).</param>
/// <param name="Peaks">peaks.csv, or null when absent.</param>
/// <param name="Fit">fit.csv, or null when absent.</param>
/// <param name="Summary">summary.json, or null when absent.</param>
public sealed record FourierRunData(
    string RunDirectory,
    string ConfigJson,
    FourierExperimentConfig Config,
    ManifestView Manifest,
    IReadOnlyList<FourierSpectrumRow> Spectra,
    IReadOnlyList<FourierLossRow> Loss,
    IReadOnlyList<FourierSpectrumRow>? Pde,
    IReadOnlyList<FourierPeakRow>? Peaks,
    IReadOnlyList<FourierFitRow>? Fit,
    FourierSummary? Summary)
{
    /// <summary>Whether the manifest says the run finished.</summary>
    public bool IsFinished => Manifest.Finished && Manifest.Status == "finished";

    /// <summary>The probe steps of spectra.csv, in order.</summary>
    public long[] Steps => [.. Spectra.Select(r => r.Step).Distinct()];

    /// <summary>The non-negative frequencies of the grid (those of the first probe).</summary>
    public double[] Frequencies => Spectra.Count == 0 ? [] : [.. Spectra.TakeWhile(r => r.Step == Spectra[0].Step).Select(r => r.Xi)];
}
