using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// Training on the mean squared error L = (1/n) Σ_i (f(x_i) − y_i)² with the ±1 labels as targets (a regression on
/// the labels, as in Xu et al.; the predicted class is the sign of f, f ≥ 0 counting as +1). Each step takes one
/// batch; with a <see cref="BatchSize"/> smaller than the training set, epoch e visits the training points in the
/// order of a Fisher–Yates shuffle seeded by (seed, e), so the batch of any step follows from the step alone.
/// </summary>
public sealed record ParityTrainingConfig
{
    /// <summary>Adam or SGD. Default Adam.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Learning rate &gt; 0. Default 0.001.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum in [0, 1). Default 0.</summary>
    public double Momentum { get; init; }

    /// <summary>Nesterov momentum (SGD with momentum &gt; 0 only). Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam's β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>L2 weight decay ≥ 0. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Mini-batch size ≥ 1, or null (default) for full-batch training.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Number of steps, 1 to <see cref="ParityConfigLoader.MaxSteps"/>.</summary>
    public required long Steps { get; init; }

    /// <summary>Save a resumable checkpoint every this many steps. Default 1000.</summary>
    public long CheckpointEvery { get; init; } = 1000;
}
