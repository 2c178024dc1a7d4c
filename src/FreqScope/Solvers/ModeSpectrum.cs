namespace FreqScope.Solvers;

/// <summary>
/// Per-mode amplitudes of a grid function, for following an error mode by mode.
/// </summary>
/// <remarks>
/// 1-D: entry k (1 ≤ k ≤ n − 1) is |c_k|, the DST-I coefficient of <see cref="SineTransform.Forward"/>
/// (v_i = Σ_k c_k sin(πki/n)). 2-D: entry s is the shell amplitude √(Σ c_kl²) over the modes with
/// round(√(k² + l²)) = s, 1 ≤ s ≤ round(√2 (n − 1)). Entry 0 is always 0. A mode's frequency is s / (2L) cycles per
/// unit length (<see cref="SineTransform.Frequency"/>).
/// </remarks>
public static class ModeSpectrum
{
    /// <summary>The largest mode (1-D) or shell (2-D) index of <paramref name="grid"/>.</summary>
    public static int LargestMode(PoissonGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return LargestMode(grid.Dimension, grid.Intervals);
    }

    /// <summary>The largest mode (1-D: n − 1) or shell (2-D: round(√2 (n − 1))) of a grid of <paramref name="intervals"/> n per axis.</summary>
    public static int LargestMode(int dimension, int intervals) => dimension == 1
        ? intervals - 1
        : (int)Math.Round(Math.Sqrt(2.0) * (intervals - 1));

    /// <summary>The shell of mode (k, l): round(√(k² + l²)).</summary>
    public static int Shell(int k, int l) => (int)Math.Round(Math.Sqrt((double)k * k + (double)l * l));

    /// <summary>Amplitudes per mode (1-D) or shell (2-D) of <paramref name="v"/>, indexed 0..<see cref="LargestMode(PoissonGrid)"/>.</summary>
    /// <param name="grid">The grid <paramref name="v"/> lives on.</param>
    /// <param name="v">Values at the interior nodes (2-D: flat, row-major as <see cref="PoissonGrid"/> documents).</param>
    /// <returns>The amplitudes; entry 0 is 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="v"/> does not have <see cref="PoissonGrid.Unknowns"/> entries.</exception>
    public static double[] Amplitudes(PoissonGrid grid, ReadOnlySpan<double> v)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (v.Length != grid.Unknowns) throw new ArgumentException($"expected {grid.Unknowns} values on the grid, got {v.Length}", nameof(v));
        int m = grid.PointsPerAxis;
        var result = new double[LargestMode(grid) + 1];
        if (grid.Dimension == 1)
        {
            var c = SineTransform.Forward(v);
            for (int k = 1; k <= m; k++) result[k] = Math.Abs(c[k - 1]);
            return result;
        }

        var c2 = SineTransform.Forward2D(v, m);
        for (int k = 1; k <= m; k++)
            for (int l = 1; l <= m; l++)
            {
                double value = c2[(k - 1) * m + (l - 1)];
                result[Shell(k, l)] += value * value;
            }

        for (int s = 1; s < result.Length; s++) result[s] = Math.Sqrt(result[s]);
        return result;
    }
}
