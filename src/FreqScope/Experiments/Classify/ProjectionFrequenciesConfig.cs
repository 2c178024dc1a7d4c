using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>The projection method's frequency grid: <see cref="Count"/> frequencies evenly spaced over 0 … <see cref="Max"/>.</summary>
public sealed record ProjectionFrequenciesConfig
{
    /// <summary>Number of frequencies in the grid 0 … max, 3 to 100 000. Default 101.</summary>
    [Range(3, 100_000)]
    public int Count { get; init; } = 101;

    /// <summary>Largest frequency (&gt; 0); null (the default) means 1/σ_t, σ_t the standard deviation of the projected coordinates.</summary>
    [Range(0, MinExclusive = true, Note = ", or null for 1/σ of the projected coordinates")]
    public double? Max { get; init; }
}
