using FreqScope.Core.Config;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// Plain full-batch gradient descent θ ← θ − η ∇L on L = (1/2n) Σ_i (f(x_i) − y_i)², the training the frequency PDE
/// describes.
/// </summary>
public sealed record FourierTrainingConfig
{
    /// <summary>Most training steps.</summary>
    public const long MaxSteps = 100_000_000;

    /// <summary>Learning rate η &gt; 0.</summary>
    [Range(0, MinExclusive = true)]
    public required double LearningRate { get; init; }

    /// <summary>Number of steps, 1 to 10⁸.</summary>
    [Range(1, MaxSteps)]
    public required long Steps { get; init; }

    /// <summary>Save a resumable checkpoint every this many steps (≥ 1). Default 1000.</summary>
    [Range(1)]
    public long CheckpointEvery { get; init; } = 1000;
}
