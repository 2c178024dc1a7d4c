namespace FreqScope.Experiments;

/// <summary>
/// The points of {−1, 1}^d and their split: every vertex (<see cref="Points"/> null, 2^d points) or a seeded random
/// subset of distinct vertices, shuffled with the run's seed; the first round(<see cref="TrainFraction"/>·n) are the
/// training set, the rest the test set. The label of x is the parity y(x) = Π_j x_j ∈ {−1, 1}.
/// </summary>
public sealed record ParityDataConfig
{
    /// <summary>The dimension d, 2 to <see cref="ParityConfigLoader.MaxDimension"/>.</summary>
    public required int Dimension { get; init; }

    /// <summary>How many distinct vertices to use, 4 to 2^d; null (default) for the whole cube.</summary>
    public int? Points { get; init; }

    /// <summary>The fraction of the points used for training, in (0, 1); both sets must be non-empty. Default 0.5.</summary>
    public double TrainFraction { get; init; } = 0.5;

    /// <summary>The number of points n: <see cref="Points"/>, or 2^d.</summary>
    public int Count => Points ?? 1 << Dimension;

    /// <summary>The number of training points round(TrainFraction·n) (half away from zero).</summary>
    public int TrainCount => (int)Math.Round(TrainFraction * Count, MidpointRounding.AwayFromZero);

    /// <summary>The number of test points n − TrainCount.</summary>
    public int TestCount => Count - TrainCount;
}
