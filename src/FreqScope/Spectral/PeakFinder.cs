namespace FreqScope.Spectral;

/// <summary>
/// Finds local maxima of a magnitude spectrum, as the F-Principle authors' <c>SelectPeakIndex</c> does.
/// </summary>
public static class PeakFinder
{
    /// <summary>
    /// Indices i with 0 &lt; i &lt; len−1 (both endpoints excluded) where <c>m[i] &gt; m[i−1]</c> and
    /// <c>m[i] &gt; m[i+1]</c> (strict, so flat plateaus are not peaks), and
    /// <c>m[i] ≥ minRelativeHeight × max(m)</c>, where the maximum is over the whole array, endpoints included.
    /// NaN entries are never peaks and are ignored by the maximum.
    /// </summary>
    /// <param name="magnitudes">A one-sided magnitude spectrum, e.g. from <see cref="Dft.OneSidedMagnitudes"/>.</param>
    /// <param name="minRelativeHeight">Minimum height relative to the largest magnitude, in [0, 1]; 0 keeps every local maximum.</param>
    /// <returns>Peak indices in increasing order; empty when there are fewer than three values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minRelativeHeight"/> is outside [0, 1] or NaN.</exception>
    public static int[] FindPeaks(ReadOnlySpan<double> magnitudes, double minRelativeHeight = 0)
    {
        if (!(minRelativeHeight >= 0 && minRelativeHeight <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(minRelativeHeight),
                minRelativeHeight,
                $"minRelativeHeight must be in [0, 1]; got {minRelativeHeight.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var max = double.NegativeInfinity;
        foreach (var m in magnitudes)
        {
            if (m > max)
            {
                max = m;
            }
        }

        var threshold = minRelativeHeight * max;
        var peaks = new List<int>();
        for (var i = 1; i < magnitudes.Length - 1; i++)
        {
            var m = magnitudes[i];
            if (m > magnitudes[i - 1] && m > magnitudes[i + 1] && m >= threshold)
            {
                peaks.Add(i);
            }
        }

        return [.. peaks];
    }
}
