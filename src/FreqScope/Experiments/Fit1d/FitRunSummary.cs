using FreqScope.Core;
using FreqScope.Experiments;

namespace FreqScope.Experiments.Fit1d;

/// <summary>The content of <c>summary.json</c>.</summary>
/// <param name="Finished">Whether the run finished (false for a summary written at an interrupted stop).</param>
/// <param name="StepsCompleted">Training steps completed.</param>
/// <param name="Epsilon">The convergence threshold ε.</param>
/// <param name="ErrorForm"><c>complex</c> or <c>magnitude</c>.</param>
/// <param name="Peaks">The target's peaks in increasing k.</param>
/// <param name="ConvergenceOrder">Peak indices sorted by convergence step.</param>
/// <param name="SpectralBiasIndex">Spearman correlation of frequency and convergence step, or null when undefined.</param>
/// <param name="FinalTrainLoss">The last train loss, or null.</param>
/// <param name="FinalTestLoss">The last test loss, or null.</param>
/// <param name="Verdict">The one-sentence verdict.</param>
/// <param name="Theory">The <c>theory</c> section (the one-hidden-layer prediction), or null when summary.json predates it.</param>
/// <param name="HighFrequencyCutoff">The DFT index above which energy is high-frequency, or null (older summaries).</param>
/// <param name="HighFrequencyEnergy">The output's high-frequency energy fraction at the last probe, or null.</param>
/// <param name="TargetHighFrequencyEnergy">The target's, or null.</param>
public sealed record FitRunSummary(
    bool Finished,
    long StepsCompleted,
    double Epsilon,
    string ErrorForm,
    IReadOnlyList<PeakSummary> Peaks,
    IReadOnlyList<int> ConvergenceOrder,
    double? SpectralBiasIndex,
    double? FinalTrainLoss,
    double? FinalTestLoss,
    string Verdict,
    TheorySummary? Theory = null,
    int? HighFrequencyCutoff = null,
    double? HighFrequencyEnergy = null,
    double? TargetHighFrequencyEnergy = null);
