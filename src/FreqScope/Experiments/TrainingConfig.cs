using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>Optimizer and schedule. The loss is the mean squared error plus <see cref="H1Weight"/> × the squared error of the derivative.</summary>
public sealed record TrainingConfig
{
    /// <summary>Adam or SGD. Default Adam.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Learning rate (&gt; 0). Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum in [0, 1). Default 0; unused by Adam.</summary>
    public double Momentum { get; init; }

    /// <summary>Nesterov momentum; requires SGD with momentum &gt; 0. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam β₁ in [0, 1). Default 0.9; unused by SGD.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂ in [0, 1). Default 0.999; unused by SGD.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>L2 weight decay (≥ 0). Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Mini-batch size (1 to the train count); null (the default) means full batch.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Number of optimizer steps (≥ 1). Default 10 000.</summary>
    public long Steps { get; init; } = 10000;

    /// <summary>Weight of the H¹ (derivative) term of the loss (≥ 0). Default 0.</summary>
    public double H1Weight { get; init; }

    /// <summary>Stop early once the training loss is below this (&gt; 0); null (the default) never stops early.</summary>
    public double? StopAtLoss { get; init; }

    /// <summary>Steps between checkpoints (≥ 1). Default 1000.</summary>
    public int CheckpointEvery { get; init; } = 1000;
}
