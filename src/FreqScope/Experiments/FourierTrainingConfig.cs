namespace FreqScope.Experiments;

/// <summary>
/// Plain full-batch gradient descent θ ← θ − η ∇L on L = (1/2n) Σ_i (f(x_i) − y_i)², the training the frequency PDE
/// describes.
/// </summary>
public sealed record FourierTrainingConfig
{
    /// <summary>Learning rate η &gt; 0.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Number of steps, 1 to 10⁸.</summary>
    public required long Steps { get; init; }

    /// <summary>Save a resumable checkpoint every this many steps. Default 1000.</summary>
    public long CheckpointEvery { get; init; } = 1000;
}
