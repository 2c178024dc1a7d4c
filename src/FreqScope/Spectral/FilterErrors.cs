namespace FreqScope.Spectral;

/// <summary>
/// The filtering method's errors: how far the network h is from the target y in their low- and high-frequency
/// parts, split by the same low-pass filter (see <see cref="GaussianFilter"/>).
/// </summary>
/// <remarks>
/// Arrays hold all samples and components flattened in any fixed order (e.g. row-major n×m), the same for all four.
/// With y^high = y − y^low and h^high = h − h^low:
/// e_low = ‖y^low − h^low‖ / ‖y^low‖ and e_high = ‖y^high − h^high‖ / ‖y^high‖, Euclidean norms over every sample
/// and component, accumulated in double. A zero denominator gives +∞ when the numerator is &gt; 0 and 0 when it is
/// 0, as in <see cref="SpectralError"/>.
/// </remarks>
public static class FilterErrors
{
    /// <summary>The relative errors of the low- and high-frequency parts.</summary>
    /// <param name="yLow">The target's low-pass part y^low.</param>
    /// <param name="y">The target y.</param>
    /// <param name="hLow">The network's low-pass part h^low (same filter and δ).</param>
    /// <param name="h">The network's output h.</param>
    /// <returns>(e_low, e_high).</returns>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static (double LowError, double HighError) Compute(float[] yLow, float[] y, float[] hLow, float[] h)
    {
        ArgumentNullException.ThrowIfNull(yLow);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(hLow);
        ArgumentNullException.ThrowIfNull(h);
        RequireLength(y, yLow.Length, nameof(y));
        RequireLength(hLow, yLow.Length, nameof(hLow));
        RequireLength(h, yLow.Length, nameof(h));

        double lowDiff = 0, lowNorm = 0, highDiff = 0, highNorm = 0;
        for (var i = 0; i < yLow.Length; i++)
        {
            double yl = yLow[i], hl = hLow[i];
            double yh = y[i] - yl, hh = h[i] - hl;
            lowDiff += (yl - hl) * (yl - hl);
            lowNorm += yl * yl;
            highDiff += (yh - hh) * (yh - hh);
            highNorm += yh * yh;
        }

        return (
            SpectralError.Relative(Math.Sqrt(lowDiff), Math.Sqrt(lowNorm)),
            SpectralError.Relative(Math.Sqrt(highDiff), Math.Sqrt(highNorm)));
    }

    /// <summary>The share of the target's energy in its low-frequency part: Σ|y^low|² / Σ|y|².</summary>
    /// <param name="yLow">The target's low-pass part y^low.</param>
    /// <param name="y">The target y, same length.</param>
    /// <returns>The ratio (NaN when y is all zero).</returns>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static double LowFrequencyRatio(float[] yLow, float[] y)
    {
        ArgumentNullException.ThrowIfNull(yLow);
        ArgumentNullException.ThrowIfNull(y);
        RequireLength(y, yLow.Length, nameof(y));
        double low = 0, total = 0;
        for (var i = 0; i < y.Length; i++)
        {
            low += (double)yLow[i] * yLow[i];
            total += (double)y[i] * y[i];
        }

        return low / total;
    }

    private static void RequireLength(float[] array, int expected, string name)
    {
        if (array.Length != expected)
        {
            throw new ArgumentException($"{name} has {array.Length} values but yLow has {expected}.", name);
        }
    }
}
