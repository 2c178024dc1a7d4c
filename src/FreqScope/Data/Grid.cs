using FreqScope.Core;
using FreqScope.Spectral;

namespace FreqScope.Data;

/// <summary>Sample points in an interval.</summary>
public static class Grid
{
    /// <summary>
    /// <paramref name="count"/> evenly spaced points, computed as numpy's <c>linspace</c> does: x_i = i·Δ + min with
    /// Δ = <see cref="Spacing"/>; with <paramref name="includeEndpoint"/> the last point is exactly
    /// <paramref name="max"/> (numpy <c>linspace(min, max, count)</c>), without it x_i = min + i·(max − min)/count
    /// (<c>linspace(..., endpoint=False)</c>, the periodic grid). One point with the endpoint is [min].
    /// </summary>
    public static double[] Uniform(double min, double max, int count, bool includeEndpoint)
    {
        CheckInterval(min, max);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be >= 1.");
        if (count == 1) return [min];
        var step = Spacing(min, max, count, includeEndpoint);
        var points = new double[count];
        for (var i = 0; i < count; i++) points[i] = i * step + min;
        if (includeEndpoint) points[^1] = max;
        return points;
    }

    /// <summary>
    /// <paramref name="count"/> independent uniform draws in [min, max) from <see cref="SplitMix64"/> seeded with
    /// <paramref name="seed"/> (x = min + u·(max − min), u = <see cref="SplitMix64.NextDouble"/>; a draw that rounds
    /// up to max is moved to the largest double below it), sorted ascending. Equal inputs give equal outputs on
    /// every platform and .NET version.
    /// </summary>
    public static double[] Random(double min, double max, int count, long seed)
    {
        CheckInterval(min, max);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be >= 1.");
        var rng = new SplitMix64(seed);
        var width = max - min;
        var points = new double[count];
        for (var i = 0; i < count; i++)
        {
            var x = min + rng.NextDouble() * width;
            points[i] = x < max ? x : Math.BitDecrement(max);
        }

        Array.Sort(points);
        return points;
    }

    /// <summary>Δ of <see cref="Uniform"/>: (max − min)/(count − 1) with the endpoint, (max − min)/count without.</summary>
    public static double Spacing(double min, double max, int count, bool includeEndpoint)
    {
        CheckInterval(min, max);
        var divisions = includeEndpoint ? count - 1 : count;
        if (divisions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, includeEndpoint ? "The count must be >= 2 with the endpoint." : "The count must be >= 1.");
        }

        return (max - min) / divisions;
    }

    private static void CheckInterval(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
        {
            throw new ArgumentException($"The interval [{min}, {max}] must be finite with min < max.");
        }
    }
}
