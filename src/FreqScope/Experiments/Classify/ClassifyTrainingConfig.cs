using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>Loss, optimizer, mini-batches, epochs and learning-rate schedule of a <c>classify</c> run (optimizer defaults: SGD at 0.01).</summary>
public sealed record ClassifyTrainingConfig : OptimizerSettings
{
    /// <summary>The classify optimizer defaults: SGD, learning rate 0.01.</summary>
    public ClassifyTrainingConfig()
    {
        Optimizer = OptimizerKind.Sgd;
        LearningRate = 0.01;
    }

    /// <summary>Cross-entropy or MSE on one-hot labels. Default cross-entropy.</summary>
    [JsonPropertyOrder(-1)]
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary>Mini-batch size (≥ 1; larger than the training set means full batch). Default 128.</summary>
    [Range(1)]
    public int BatchSize { get; init; } = 128;

    /// <summary>Epochs, 1 to 100 000. Default 20.</summary>
    [Range(1, 100_000)]
    public int Epochs { get; init; } = 20;

    /// <summary>Learning-rate schedule over epochs. Default none.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.None;

    /// <summary>Epochs between decays of the step schedule (≥ 1). Default 10.</summary>
    [Range(1)]
    public int StepEpochs { get; init; } = 10;

    /// <summary>Decay factor of the step schedule, in (0, 1]. Default 0.1.</summary>
    [Range(0, 1, MinExclusive = true)]
    public double Gamma { get; init; } = 0.1;

    /// <summary>Epochs between checkpoints (≥ 1). Default 1.</summary>
    [Range(1)]
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Label smoothing ε in [0, 1): targets (1 − ε)·one_hot + ε/C instead of one_hot. Default 0.</summary>
    [Range(0, 1, MaxExclusive = true)]
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Mixup α in [0, 1000] (Zhang et al.): each mini-batch is replaced by λ·x + (1 − λ)·x′ with targets mixed the same
    /// way, x′ the batch shifted by one sample and λ ~ Beta(α, α) drawn from torch's CPU generator (saved in
    /// checkpoints). 0 (the default) turns it off.
    /// </summary>
    [Range(0, 1000, Note = " (Beta(α, α); 0 turns mixup off)")]
    public double Mixup { get; init; }

    /// <summary>Augmentation of the training mini-batches. Default none.</summary>
    public AugmentConfig Augment { get; init; } = new();
}
