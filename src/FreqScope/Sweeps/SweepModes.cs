namespace FreqScope.Sweeps;

/// <summary>The values of a sweep's <c>mode</c>.</summary>
public static class SweepModes
{
    /// <summary>Every combination of the values (Cartesian product, row-major: the last key varies fastest); the default.</summary>
    public const string Grid = "grid";

    /// <summary>Lists of the same length advanced together: member i takes the i-th value of every key.</summary>
    public const string Zip = "zip";

    /// <summary>Both modes.</summary>
    public static IReadOnlyList<string> All { get; } = [Grid, Zip];
}
