using FreqScope.Core.Config;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// The points of {−1, 1}^d and their split: every vertex (<see cref="Points"/> null, 2^d points) or a seeded random
/// subset of distinct vertices, shuffled with the run's seed; the first round(<see cref="TrainFraction"/>·n) are the
/// training set, the rest the test set. The label of x is the parity y(x) = Π_j x_j ∈ {−1, 1}.
/// </summary>
public sealed record ParityDataConfig : IConfigRules
{
    /// <summary>Largest dimension d.</summary>
    public const int MaxDimension = 20;

    /// <summary>The dimension d, 2 to 20.</summary>
    [Range(2, MaxDimension)]
    public required int Dimension { get; init; }

    /// <summary>How many distinct vertices to use, 4 to 2^d; null (default) for the whole cube.</summary>
    public int? Points { get; init; }

    /// <summary>The fraction of the points used for training, in (0, 1); both sets must be non-empty. Default 0.5.</summary>
    [Range(0, 1, MinExclusive = true, MaxExclusive = true)]
    public double TrainFraction { get; init; } = 0.5;

    /// <summary>The number of points n: <see cref="Points"/>, or 2^d.</summary>
    public int Count => Points ?? 1 << Dimension;

    /// <summary>The number of training points round(TrainFraction·n) (half away from zero).</summary>
    public int TrainCount => (int)Math.Round(TrainFraction * Count, MidpointRounding.AwayFromZero);

    /// <summary>The number of test points n − TrainCount.</summary>
    public int TestCount => Count - TrainCount;

    /// <summary>The points are distinct vertices, and both sets get some.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Points is int points && (points < 4 || points > 1 << Dimension))
            throw node.Required("points").OutOfRange($"an integer between 4 and 2^{Dimension} = {1 << Dimension} (distinct vertices), or null for the whole cube");
        if (TrainCount < 1 || TestCount < 1)
            throw node.Error("trainFraction", $"{ConfigNode.Format(TrainFraction)} of {Count} points leaves {TrainCount} for training and {TestCount} for testing; expected both ≥ 1");
    }
}
