namespace FreqScope.Spectral;

/// <summary>
/// The spectrum of a classifier along a straight path between two inputs (Fridovich-Keil, Gontijo-Lopes and Roelofs,
/// "Spectral Bias in Practice"): the per-sample softmax output p(t) at points t_j = jΔ of input-space distance from
/// the start, the signal s_j = ‖p(t_j) − p(0)‖₂, and its power spectral density.
/// </summary>
/// <remarks>
/// <para>
/// Convention: N samples at spacing Δ (input-space distance). The mean is removed, X_k = (1/N) Σ_j (s_j − s̄)
/// e^(−2πi jk/N), and the one-sided power spectral density at f_k = k/(NΔ) cycles per unit input distance,
/// k = 0 … ⌊N/2⌋, is PSD_k = w_k |X_k|² · NΔ (w_k = 2, except 1 at k = 0 and at k = N/2 for even N). So
/// Σ_k PSD_k · (1/NΔ) is the variance of s (Parseval), whatever N: paths of different lengths are comparable, and
/// <see cref="OnGrid"/> resamples them to a common grid by linear interpolation before they are averaged.
/// </para>
/// </remarks>
public static class PathSpectrum
{
    /// <summary>s_j = ‖p_j − p_0‖₂ for <paramref name="points"/> rows of <paramref name="classes"/> probabilities (row-major).</summary>
    /// <exception cref="ArgumentException">The length is not points × classes, or there are no points.</exception>
    public static double[] Signal(ReadOnlySpan<float> probabilities, int points, int classes)
    {
        if (points < 1 || classes < 1 || probabilities.Length != (long)points * classes)
            throw new ArgumentException($"{probabilities.Length} values are not {points} points × {classes} classes", nameof(probabilities));
        var s = new double[points];
        for (int j = 0; j < points; j++)
        {
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                double d = probabilities[j * classes + c] - (double)probabilities[c];
                sum += d * d;
            }

            s[j] = Math.Sqrt(sum);
        }

        return s;
    }

    /// <summary>The frequencies f_k = k/(NΔ) and the one-sided power spectral density of <paramref name="signal"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 samples, or Δ not finite and positive.</exception>
    public static (double[] Frequencies, double[] Density) Density(ReadOnlySpan<double> signal, double spacing)
    {
        int n = signal.Length;
        if (n < 2) throw new ArgumentException($"a path spectrum needs at least 2 samples; got {n}", nameof(signal));
        if (!(spacing > 0) || !double.IsFinite(spacing)) throw new ArgumentException($"spacing {spacing}; expected a finite number > 0", nameof(spacing));
        double mean = 0;
        foreach (var v in signal) mean += v;
        mean /= n;
        var centred = new double[n];
        for (int j = 0; j < n; j++) centred[j] = signal[j] - mean;
        var x = Dft.Forward(centred);
        int half = n / 2;
        var f = new double[half + 1];
        var psd = new double[half + 1];
        for (int k = 0; k <= half; k++)
        {
            double w = k == 0 || (n % 2 == 0 && k == half) ? 1 : 2;
            f[k] = k / (n * spacing);
            psd[k] = w * x[k].Magnitude * x[k].Magnitude * n * spacing;
        }

        return (f, psd);
    }

    /// <summary>
    /// The density resampled on <paramref name="grid"/> (ascending frequencies ≥ 0) by linear interpolation between
    /// the path's own frequencies; 0 beyond its highest one.
    /// </summary>
    public static double[] OnGrid(IReadOnlyList<double> frequencies, IReadOnlyList<double> density, IReadOnlyList<double> grid)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(grid);
        var result = new double[grid.Count];
        int k = 0;
        for (int g = 0; g < grid.Count; g++)
        {
            double f = grid[g];
            if (f > frequencies[^1]) continue;
            while (k + 1 < frequencies.Count && frequencies[k + 1] < f) k++;
            if (k + 1 >= frequencies.Count) result[g] = density[k];
            else
            {
                double t = Math.Clamp((f - frequencies[k]) / (frequencies[k + 1] - frequencies[k]), 0, 1);
                result[g] = density[k] + t * (density[k + 1] - density[k]);
            }
        }

        return result;
    }

    /// <summary>
    /// The power above <paramref name="cutoff"/>: Σ_{f_g &gt; cutoff} P_g · δf on a uniform grid of spacing δf (the
    /// variance of s carried by those frequencies, in the units of s²).
    /// </summary>
    public static double HighPower(IReadOnlyList<double> grid, IReadOnlyList<double> density, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(density);
        if (grid.Count < 2) return 0;
        double step = grid[1] - grid[0], sum = 0;
        for (int g = 0; g < grid.Count; g++)
            if (grid[g] > cutoff) sum += density[g];
        return sum * step;
    }

    /// <summary>
    /// The share of the power above <paramref name="cutoff"/>: Σ_{f_g &gt; cutoff} P_g / Σ_{f_g &gt; 0} P_g on a uniform
    /// grid (0 when there is no power).
    /// </summary>
    public static double HighFraction(IReadOnlyList<double> grid, IReadOnlyList<double> density, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(density);
        double high = 0, total = 0;
        for (int g = 0; g < grid.Count; g++)
        {
            if (grid[g] <= 0) continue;
            total += density[g];
            if (grid[g] > cutoff) high += density[g];
        }

        return total > 0 ? high / total : 0;
    }
}
