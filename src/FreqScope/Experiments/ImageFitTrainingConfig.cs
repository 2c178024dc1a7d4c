using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>Full-batch training on the train pixels: the optimizer keys of <c>docs/config.md</c> (default Adam, 10⁻³), steps and checkpoints.</summary>
public sealed record ImageFitTrainingConfig
{
    /// <summary>Optimizer. Default Adam.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Learning rate &gt; 0. Default 10⁻³.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum in [0, 1). Default 0.</summary>
    public double Momentum { get; init; }

    /// <summary>Nesterov momentum (SGD with momentum &gt; 0 only). Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Weight decay ≥ 0. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Number of full-batch steps, 1 to 10⁷. Default 2000.</summary>
    public long Steps { get; init; } = 2000;

    /// <summary>Save a resumable checkpoint every this many steps. Default 500.</summary>
    public long CheckpointEvery { get; init; } = 500;
}
