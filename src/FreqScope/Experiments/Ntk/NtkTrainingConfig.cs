using FreqScope.Core.Config;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// Plain full-batch gradient descent θ ← θ − η∇L on L = (1/2n) Σ (f(x_i) − y_i)²: no momentum, no weight decay, no
/// mini-batches, no schedule (the closed-form linearised prediction assumes exactly this).
/// </summary>
public sealed record NtkTrainingConfig
{
    /// <summary>Most steps.</summary>
    public const long MaxSteps = 10_000_000;

    /// <summary>Learning rate η (&gt; 0). Default 0.001.</summary>
    [Range(0, MinExclusive = true, Expected = "a finite number > 0")]
    public double LearningRate { get; init; } = 0.001;

    /// <summary>Number of gradient-descent steps, 1 … 10 000 000. Default 1000.</summary>
    [Range(1, MaxSteps)]
    public long Steps { get; init; } = 1000;
}
