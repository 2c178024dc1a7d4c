using FreqScope.Core;
using FreqScope.Core.Runs;

namespace FreqScope.Experiments.Fit1d;

/// <summary>The contents of <c>summary.json</c> (see docs/run-folder.md).</summary>
public sealed record FitSummary : IRunSummary
{
    public required bool Finished { get; init; }
    public required long StepsCompleted { get; init; }
    public required double Epsilon { get; init; }
    public required string ErrorForm { get; init; }
    public required IReadOnlyList<PeakSummary> Peaks { get; init; }
    public required IReadOnlyList<int> ConvergenceOrder { get; init; }
    public double? SpectralBiasIndex { get; init; }
    public required double FinalTrainLoss { get; init; }
    public required double FinalTestLoss { get; init; }
    public required string Verdict { get; init; }

    /// <summary>
    /// The DFT index k_c above which energy counts as high-frequency in <see cref="HighFrequencyEnergy"/>: twice the
    /// highest target peak's index (n/4 without peaks), at most n/2 − 1, on the evaluation grid of n points. Null when
    /// the run stopped before its first probe.
    /// </summary>
    public int? HighFrequencyCutoff { get; init; }

    /// <summary><see cref="HighFrequencyCutoff"/> as a frequency, cycles per unit of x.</summary>
    public double? HighFrequencyCutoffFrequency { get; init; }

    /// <summary>
    /// The fraction of the network's non-constant output energy on the evaluation grid at DFT indices above
    /// <see cref="HighFrequencyCutoff"/> at the last probe (<see cref="FreqScope.Spectral.SpectralEnergy.FractionAbove"/>):
    /// oscillation the target does not have, for instance between the training points.
    /// </summary>
    public double? HighFrequencyEnergy { get; init; }

    /// <summary>The same fraction for the target on the evaluation grid, for reference.</summary>
    public double? TargetHighFrequencyEnergy { get; init; }

    /// <summary>
    /// The one-hidden-layer prediction of each peak's convergence step next to the measured one
    /// (<see cref="FitTheory.Summarize"/>); <see cref="TheorySummary.Skipped"/> says why when
    /// it does not apply. Null only in summaries written before this section existed.
    /// </summary>
    public TheorySummary? Theory { get; init; }
}
