namespace FreqScope.Experiments;

/// <summary>
/// −Δu = g with u = 0 on the boundary, on the interval [Min, Max] (dimension 1) or the square [Min, Max]²
/// (dimension 2), discretised by central differences on <see cref="Intervals"/> intervals per axis.
/// </summary>
public sealed record PoissonProblemConfig
{
    /// <summary>1 or 2. Default 1.</summary>
    public int Dimension { get; init; } = 1;

    /// <summary>Left end of the interval (each axis). Default −1.</summary>
    public double Min { get; init; } = -1;

    /// <summary>Right end of the interval (each axis). Default 1.</summary>
    public double Max { get; init; } = 1;

    /// <summary>Grid intervals n per axis (n − 1 unknowns per axis).</summary>
    public required int Intervals { get; init; }

    /// <summary>The source g.</summary>
    public required PoissonSourceConfig Source { get; init; }
}
