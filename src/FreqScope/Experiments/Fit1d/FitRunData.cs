using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Fit1d;

/// <summary>Everything in a run folder's data files, parsed by <see cref="FitRunFolderReader"/>.</summary>
/// <param name="RunDirectory">The run folder (full path).</param>
/// <param name="ConfigJson">The text of <c>config.json</c>, unparsed beyond validation.</param>
/// <param name="Name">The run's <c>name</c> from config.json, or null.</param>
/// <param name="ConfigEpsilon"><c>probe.epsilon</c> from config.json, or null.</param>
/// <param name="ConfigErrorForm"><c>probe.errorForm</c> from config.json, or null.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="Metrics">The rows of metrics.csv in file order.</param>
/// <param name="Spectra">The rows of spectra.csv in file order.</param>
/// <param name="Outputs">The rows of outputs.csv in file order, or null when the file is absent.</param>
/// <param name="Summary">The summary, or null when summary.json is absent.</param>
public sealed record FitRunData(
    string RunDirectory,
    string ConfigJson,
    string? Name,
    double? ConfigEpsilon,
    string? ConfigErrorForm,
    ManifestView Manifest,
    IReadOnlyList<MetricRow> Metrics,
    IReadOnlyList<SpectrumRow> Spectra,
    IReadOnlyList<OutputRow>? Outputs,
    FitSummary? Summary)
{
    /// <summary>ε: from summary.json if present, else config.json <c>probe.epsilon</c>, else null.</summary>
    public double? Epsilon => Summary?.Epsilon ?? ConfigEpsilon;

    /// <summary>The error form (<c>complex</c> or <c>magnitude</c>): summary.json, else config.json, else <c>complex</c>.</summary>
    public string ErrorForm => Summary?.ErrorForm ?? ConfigErrorForm ?? "complex";

    /// <summary>The spectra.csv column Δ_F is taken from: <c>delta_complex</c> or <c>delta_magnitude</c>.</summary>
    public string DeltaColumn => ErrorForm == "magnitude" ? "delta_magnitude" : "delta_complex";

    /// <summary>The network of config.json, or null when config.json is not a valid fit1d config (e.g. written by an older version).</summary>
    public ModelConfig? Model { get; init; }

    /// <summary>
    /// The one-hidden-layer theory: summary.json's <c>theory</c> section, or, for a summary that predates it, the same
    /// section computed by <see cref="FitRunFolderReader"/> from config.json's model and summary.json's peaks
    /// (<see cref="TheoryIsRecomputed"/>); null without summary.json or when neither is available.
    /// </summary>
    public TheorySummary? Theory { get; init; }

    /// <summary>Whether <see cref="Theory"/> was computed from config.json rather than read from summary.json.</summary>
    public bool TheoryIsRecomputed { get; init; }

    /// <summary>Whether the manifest says the run finished.</summary>
    public bool IsFinished => Manifest.Finished && Manifest.Status == "finished";

    /// <summary>The distinct probe steps of spectra.csv in increasing order.</summary>
    public long[] ProbeSteps => Spectra.Select(r => r.Step).Distinct().Order().ToArray();

    /// <summary>The distinct snapshot steps of outputs.csv in increasing order (empty when absent).</summary>
    public long[] SnapshotSteps => (Outputs ?? []).Select(r => r.Step).Distinct().Order().ToArray();

    /// <summary>The distinct DFT indices of spectra.csv in increasing order.</summary>
    public int[] KeptIndices => Spectra.Select(r => r.K).Distinct().Order().ToArray();

    /// <summary>The Δ_F value of a spectra row for this run's error form.</summary>
    /// <param name="row">A row of spectra.csv.</param>
    /// <returns><see cref="SpectrumRow.DeltaComplex"/> or <see cref="SpectrumRow.DeltaMagnitude"/>.</returns>
    public double Delta(SpectrumRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ErrorForm == "magnitude" ? row.DeltaMagnitude : row.DeltaComplex;
    }
}
