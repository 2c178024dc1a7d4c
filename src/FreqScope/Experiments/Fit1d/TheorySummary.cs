using FreqScope.Core;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// The <c>theory</c> section of a fit1d <c>summary.json</c>: the one-hidden-layer prediction of each peak's
/// convergence step (<see cref="FreqScope.Theory.OneHiddenLayerTheory"/>) and how well its order matches the measured one.
/// When the theory does not apply, only <see cref="Skipped"/> (the reason), <see cref="Prediction"/>,
/// <see cref="HiddenLayers"/> and <see cref="Activation"/> are set.
/// </summary>
public sealed record TheorySummary
{
    /// <summary>What is predicted: always <c>"one-hidden-layer"</c>, also for deeper networks (only their first layer enters).</summary>
    public string Prediction { get; init; } = "one-hidden-layer";

    /// <summary>Why there is no prediction (e.g. sin activation, all-zero first-layer weights), or null.</summary>
    public string? Skipped { get; init; }

    /// <summary>The run's number of hidden layers (1 is the case the prediction is derived for).</summary>
    public int HiddenLayers { get; init; }

    /// <summary>The run's activation, as in config.json (e.g. <c>"tanh"</c>).</summary>
    public string? Activation { get; init; }

    /// <summary>The first-layer weight distribution the priorities were computed with, or null when skipped.</summary>
    public FirstLayerWeightsSummary? FirstLayerWeights { get; init; }

    /// <summary>The DFT index of the lowest-frequency peak, whose measured step anchors the predictions; null when skipped.</summary>
    public int? AnchorIndex { get; init; }

    /// <summary>One entry per target peak at a non-zero frequency, in the order of <c>peaks</c>.</summary>
    public IReadOnlyList<TheoryPeakSummary> Peaks { get; init; } = [];

    /// <summary>
    /// Spearman's rank correlation between the predicted and the measured steps (never-converged peaks ranked last,
    /// tied; equivalent to ranking by 1/P(k), so it is defined even when the lowest peak never converged); null when
    /// undefined (fewer than 2 peaks, or all tied).
    /// </summary>
    public double? Spearman { get; init; }
}
