using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// Training on the mean squared error L = (1/n) Σ_i (f(x_i) − y_i)² with the ±1 labels as targets (a regression on
/// the labels, as in Xu et al.; the predicted class is the sign of f, f ≥ 0 counting as +1). Each step takes one
/// batch; with a <see cref="BatchSize"/> smaller than the training set, epoch e visits the training points in the
/// order of a Fisher–Yates shuffle seeded by (seed, e), so the batch of any step follows from the step alone.
/// </summary>
public sealed record ParityTrainingConfig : OptimizerSettings
{
    /// <summary>Most training steps.</summary>
    public const long MaxSteps = 100_000_000;

    /// <summary>Mini-batch size, 1 to the training points, or null (default) for full-batch training.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Number of steps, 1 to 10⁸.</summary>
    [Range(1, MaxSteps)]
    public required long Steps { get; init; }

    /// <summary>Save a resumable checkpoint every this many steps (≥ 1). Default 1000.</summary>
    [Range(1)]
    public long CheckpointEvery { get; init; } = 1000;
}
