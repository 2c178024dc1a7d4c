using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>Loss, optimizer, mini-batches, epochs and learning-rate schedule of a <c>classify</c> run.</summary>
public sealed record ClassifyTrainingConfig
{
    /// <summary>Cross-entropy or MSE on one-hot labels. Default cross-entropy.</summary>
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary>Adam or SGD. Default SGD.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Base learning rate (&gt; 0). Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>SGD momentum in [0, 1). Default 0.</summary>
    public double Momentum { get; init; }

    /// <summary>Nesterov momentum; requires SGD with momentum &gt; 0. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam β₁ in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂ in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>L2 weight decay (≥ 0). Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Mini-batch size (≥ 1; larger than the training set means full batch). Default 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Epochs (≥ 1). Default 20.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Learning-rate schedule over epochs. Default none.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.None;

    /// <summary>Epochs between decays of the step schedule (≥ 1). Default 10.</summary>
    public int StepEpochs { get; init; } = 10;

    /// <summary>Decay factor of the step schedule, in (0, 1]. Default 0.1.</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary>Epochs between checkpoints (≥ 1). Default 1.</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Label smoothing ε in [0, 1): targets (1 − ε)·one_hot + ε/C instead of one_hot. Default 0.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Mixup α ≥ 0 (Zhang et al.): each mini-batch is replaced by λ·x + (1 − λ)·x′ with targets mixed the same way,
    /// x′ the batch shifted by one sample and λ ~ Beta(α, α) drawn from torch's CPU generator (saved in checkpoints).
    /// 0 (the default) turns it off.
    /// </summary>
    public double Mixup { get; init; }

    /// <summary>Augmentation of the training mini-batches. Default none.</summary>
    public AugmentConfig Augment { get; init; } = new();
}
