using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// Optimizer and schedule of a fit1d run. The loss is the mean squared error plus <see cref="H1Weight"/> × the
/// squared error of the derivative.
/// </summary>
public sealed record FitTrainingConfig : OptimizerSettings, Training.IFitTrainingSettings
{
    /// <summary>Mini-batch size (1 to the train count); null (the default) means full batch.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Number of optimizer steps (≥ 1). Default 10 000.</summary>
    [Range(1)]
    public long Steps { get; init; } = 10000;

    /// <summary>Weight of the H¹ (derivative) term of the loss (≥ 0). Default 0.</summary>
    [Range(0)]
    public double H1Weight { get; init; }

    /// <summary>Stop early once the training loss is below this (&gt; 0); null (the default) never stops early.</summary>
    [Range(0, MinExclusive = true, Note = ", or null")]
    public double? StopAtLoss { get; init; }

    /// <summary>Steps between checkpoints (≥ 1). Default 1000.</summary>
    [Range(1)]
    public int CheckpointEvery { get; init; } = 1000;

    /// <inheritdoc/>
    OptimizerSettings Training.IFitTrainingSettings.OptimizerSettings => this;
}
