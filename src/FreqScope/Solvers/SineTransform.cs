using System.Numerics;
using FreqScope.Spectral;

namespace FreqScope.Solvers;

/// <summary>
/// Discrete sine transform of type I (DST-I), the transform that diagonalises <see cref="DiscreteLaplacian"/>.
/// </summary>
/// <remarks>
/// <para>
/// Convention, for a vector v of length m = n − 1 holding the values at the interior nodes i = 1..m of a grid with n
/// intervals (entry i − 1): the coefficients c_k, k = 1..m (entry k − 1), satisfy
/// <c>v_i = Σ_{k=1}^{m} c_k sin(πki/n)</c> and <c>c_k = (2/n) Σ_{i=1}^{m} v_i sin(πki/n)</c>. So c_k is the amplitude of
/// the grid sine mode sin(kπ(x − Min)/L), and Parseval reads <c>Σ v_i² = (n/2) Σ c_k²</c>. The 2-D transform applies
/// the same map along both axes of the flat row-major layout: <c>v_ij = Σ_{k,l} c_kl sin(πki/n) sin(πlj/n)</c>,
/// <c>c_kl = (2/n)² Σ_{i,j} v_ij sin(πki/n) sin(πlj/n)</c>, coefficient (k, l) at entry (k − 1)·m + (l − 1), and
/// <c>Σ v_ij² = (n/2)² Σ c_kl²</c>.
/// </para>
/// <para>
/// Algorithm: each line is extended to the odd sequence (0, v_1..v_m, 0, −v_m..−v_1) of length 2n, whose DFT
/// (<see cref="Dft.Forward(ReadOnlySpan{Complex})"/>, O(n log n) for any n, twiddles and Bluestein plans cached per length)
/// is purely imaginary: Y_k = −(i/n) Σ_j v_j sin(πkj/n). Two real lines therefore share one complex transform (one as the
/// real, one as the imaginary part) and are read off the real and imaginary parts of the result. Cost O(m log m) per
/// line, O(m² log m) in 2-D. The inverse is the same map scaled by n/2 per axis, because the sine matrix
/// S_ik = sin(πik/n) satisfies S² = (n/2)·I. All methods are thread-safe.
/// </para>
/// </remarks>
public static class SineTransform
{
    /// <summary>1-D DST-I: <c>c_k = (2/n) Σ_i v_i sin(πki/n)</c>, n = m + 1.</summary>
    /// <param name="v">Values at the interior nodes, length m ≥ 1.</param>
    /// <returns>The m coefficients c_1..c_m (entry k − 1).</returns>
    /// <exception cref="ArgumentException"><paramref name="v"/> is empty.</exception>
    public static double[] Forward(ReadOnlySpan<double> v) => Transform1D(v, 1.0, nameof(v));

    /// <summary>Inverse 1-D DST-I (synthesis): <c>v_i = Σ_k c_k sin(πki/n)</c>, n = m + 1.</summary>
    /// <param name="c">Coefficients c_1..c_m (entry k − 1), m ≥ 1.</param>
    /// <returns>The m values v_1..v_m (entry i − 1).</returns>
    /// <exception cref="ArgumentException"><paramref name="c"/> is empty.</exception>
    public static double[] Inverse(ReadOnlySpan<double> c) => Transform1D(c, 0.5 * (c.Length + 1), nameof(c));

    /// <summary>2-D DST-I along both axes: <c>c_kl = (2/n)² Σ_{i,j} v_ij sin(πki/n) sin(πlj/n)</c>, n = m + 1.</summary>
    /// <param name="v">Values in the flat row-major layout, (x_i, y_j) at (i − 1)·m + (j − 1); length m².</param>
    /// <param name="m">Interior points per axis, m ≥ 1.</param>
    /// <returns>The m² coefficients, (k, l) at (k − 1)·m + (l − 1).</returns>
    /// <exception cref="ArgumentException">m &lt; 1 or the length of <paramref name="v"/> is not m².</exception>
    public static double[] Forward2D(ReadOnlySpan<double> v, int m) => Transform2D(v, m, 1.0, nameof(v));

    /// <summary>Inverse 2-D DST-I: <c>v_ij = Σ_{k,l} c_kl sin(πki/n) sin(πlj/n)</c>, n = m + 1, same layouts as <see cref="Forward2D"/>.</summary>
    /// <param name="c">Coefficients, (k, l) at (k − 1)·m + (l − 1); length m².</param>
    /// <param name="m">Interior points per axis, m ≥ 1.</param>
    /// <returns>The m² values in the flat row-major layout.</returns>
    /// <exception cref="ArgumentException">m &lt; 1 or the length of <paramref name="c"/> is not m².</exception>
    public static double[] Inverse2D(ReadOnlySpan<double> c, int m) => Transform2D(c, m, 0.5 * (m + 1), nameof(c));

    /// <summary>
    /// Frequency of sine mode k on <paramref name="grid"/>, in cycles per unit length: k/(2L) with L = Max − Min.
    /// The mode sin(kπ(x − Min)/L) has angular frequency kπ/L, i.e. k half-periods over the domain, so k/(2L) cycles
    /// per unit of x (multiply by 2π for radians per unit). On the grid it is the coefficient c_k of <see cref="Forward"/>.
    /// </summary>
    /// <param name="grid">The grid (only its length L is used).</param>
    /// <param name="k">Mode index, k ≥ 0 (modes above n − 1 alias on the grid but still have this frequency).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> &lt; 0.</exception>
    public static double Frequency(PoissonGrid grid, int k)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return k / (2.0 * grid.Length);
    }

    private static double[] Transform1D(ReadOnlySpan<double> v, double scale, string name)
    {
        if (v.IsEmpty)
        {
            throw new ArgumentException("The sine transform needs at least one value.", name);
        }

        var result = new double[v.Length];
        Lines(v, result, v.Length, lineCount: 1, lineStride: 0, elementStride: 1, scale);
        return result;
    }

    private static double[] Transform2D(ReadOnlySpan<double> v, int m, double axisScale, string name)
    {
        if (m < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, $"The number of points per axis must be >= 1, got {m}.");
        }

        if (v.Length != (long)m * m)
        {
            throw new ArgumentException($"The 2-D sine transform with m = {m} needs m² = {(long)m * m} values, got {v.Length}.", name);
        }

        // Along y (contiguous rows), then along x (columns of stride m).
        var rows = new double[v.Length];
        Lines(v, rows, m, lineCount: m, lineStride: m, elementStride: 1, axisScale);
        var result = new double[v.Length];
        Lines(rows, result, m, lineCount: m, lineStride: 1, elementStride: m, axisScale);
        return result;
    }

    /// <summary>
    /// Forward DST-I (times <paramref name="scale"/>) of <paramref name="lineCount"/> lines of length m; line r's element i
    /// is at r·lineStride + i·elementStride in both <paramref name="source"/> and <paramref name="target"/>.
    /// </summary>
    private static void Lines(ReadOnlySpan<double> source, Span<double> target, int m, int lineCount, int lineStride, int elementStride, double scale)
    {
        var n = m + 1;
        var extended = new Complex[2 * n];
        var factor = 2.0 * scale;
        for (var first = 0; first < lineCount; first += 2)
        {
            var a = first * lineStride;
            var hasSecond = first + 1 < lineCount;
            var b = (first + 1) * lineStride;
            extended[0] = Complex.Zero;
            extended[n] = Complex.Zero;
            for (var i = 1; i <= m; i++)
            {
                var offset = (i - 1) * elementStride;
                var z = new Complex(source[a + offset], hasSecond ? source[b + offset] : 0.0);
                extended[i] = z;
                extended[(2 * n) - i] = -z;
            }

            // DFT of the odd extension of line a is −(i/n)·S_a, of line b −(i/n)·S_b; with z = a + i·b:
            // Z_k = S_b/n − i·S_a/n, and c = (2/n)·S.
            var spectrum = Dft.Forward(extended);
            for (var k = 1; k <= m; k++)
            {
                var offset = (k - 1) * elementStride;
                var z = spectrum[k];
                target[a + offset] = -factor * z.Imaginary;
                if (hasSecond)
                {
                    target[b + offset] = factor * z.Real;
                }
            }
        }
    }
}
