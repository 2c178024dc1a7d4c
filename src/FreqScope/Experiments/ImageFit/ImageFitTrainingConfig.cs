using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.ImageFit;

/// <summary>Full-batch training on the train pixels: the optimizer keys of <c>docs/config.md</c> (default Adam, 10⁻³), steps and checkpoints.</summary>
public sealed record ImageFitTrainingConfig : OptimizerSettings
{
    /// <summary>Most training steps.</summary>
    public const long MaxSteps = 10_000_000;

    /// <summary>Number of full-batch steps, 1 to 10⁷. Default 2000.</summary>
    [Range(1, MaxSteps)]
    public long Steps { get; init; } = 2000;

    /// <summary>Save a resumable checkpoint every this many steps (≥ 1). Default 500.</summary>
    [Range(1)]
    public long CheckpointEvery { get; init; } = 500;
}
