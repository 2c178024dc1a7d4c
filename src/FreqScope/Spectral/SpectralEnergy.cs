namespace FreqScope.Spectral;

/// <summary>How a real signal's energy splits between low and high frequencies of its DFT.</summary>
/// <remarks>
/// Convention: the DFT X_k of <see cref="Dft.Forward(ReadOnlySpan{double})"/> on n uniform samples; by Parseval the
/// energy at |k| is |X_k|² counted twice for 0 &lt; k &lt; n/2 (k and n − k) and once for k = n/2 (even n). The mean
/// (k = 0) is left out of both sums, so a constant offset does not count as low-frequency energy.
/// </remarks>
public static class SpectralEnergy
{
    /// <summary>
    /// The fraction of the non-constant energy at DFT indices k &gt; <paramref name="cutoff"/>:
    /// Σ_{cutoff &lt; k ≤ n/2} w_k |X_k|² / Σ_{1 ≤ k ≤ n/2} w_k |X_k|², w_k = 2 except w_{n/2} = 1 for even n.
    /// </summary>
    /// <param name="samples">n ≥ 2 real samples on a uniform grid.</param>
    /// <param name="cutoff">The last low index, 0 ≤ cutoff ≤ n/2.</param>
    /// <returns>The fraction in [0, 1], or 0 when the signal is constant.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 samples, or the cutoff is out of range.</exception>
    public static double FractionAbove(ReadOnlySpan<double> samples, int cutoff)
    {
        int n = samples.Length;
        if (n < 2) throw new ArgumentException($"need at least 2 samples; got {n}", nameof(samples));
        if (cutoff < 0 || cutoff > n / 2) throw new ArgumentException($"cutoff {cutoff} is outside 0 … n/2 = {n / 2}", nameof(cutoff));
        var x = Dft.Forward(samples);
        double high = 0, total = 0;
        for (int k = 1; k <= n / 2; k++)
        {
            double w = (n % 2 == 0 && k == n / 2) ? 1 : 2;
            double e = w * x[k].Magnitude * x[k].Magnitude;
            total += e;
            if (k > cutoff) high += e;
        }

        return total > 0 ? high / total : 0;
    }
}
