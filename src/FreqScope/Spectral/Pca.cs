using FreqScope.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Spectral;

/// <summary>
/// Principal component analysis of row-major float32 data, in float64 with libtorch: the directions of largest
/// variance, used by the projection method as directions p (see <see cref="ProjectionDirection"/>).
/// </summary>
/// <remarks>
/// The d×d sample covariance C = (1/(n−1)) Σ_i (x_i − μ)(x_i − μ)ᵀ is accumulated over blocks of rows, each block
/// centred and widened to float64 on its own (at most about 32 MB), so no n×d float64 copy is ever made;
/// its eigenvectors come from <c>torch.linalg.eigh</c>. Memory O(d² + block); time O(n·d² + d³), on the CPU with
/// libtorch's thread count. Works for CIFAR-sized inputs (n = 50 000, d = 3072).
/// </remarks>
public static class Pca
{
    /// <summary>Largest float64 block of centred rows, in values (32 MB).</summary>
    private const int BlockValues = 4 << 20;

    /// <summary>The leading <paramref name="components"/> principal components of n samples of dimension d.</summary>
    /// <param name="x">Samples, row-major n×d: <c>x[i·d + k]</c>; finite.</param>
    /// <param name="n">Number of samples, ≥ 2.</param>
    /// <param name="d">Dimension, ≥ 1.</param>
    /// <param name="components">How many components to return, in [1, d].</param>
    /// <returns>Mean, components (sorted by decreasing variance, deterministic sign), their variances and the total variance.</returns>
    /// <exception cref="ArgumentException">x does not hold n·d values or holds a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 2, d &lt; 1, or components outside [1, d].</exception>
    public static PcaResult Compute(float[] x, int n, int d, int components)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        if (components < 1 || components > d)
        {
            throw new ArgumentOutOfRangeException(nameof(components), components, $"components must be in [1, {d}].");
        }

        if (x.Length != (long)n * d)
        {
            throw new ArgumentException($"x has {x.Length} values but n×d = {n}×{d} = {(long)n * d}.", nameof(x));
        }

        var mean = Mean(x, n, d);
        NativeLoader.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var cov = zeros(d, d, dtype: float64);
        var blockRows = Math.Max(1, Math.Min(n, BlockValues / d));
        var buffer = new double[blockRows * d];
        for (var start = 0; start < n; start += blockRows)
        {
            var rows = Math.Min(blockRows, n - start);
            for (var i = 0; i < rows; i++)
            {
                var src = (start + i) * d;
                var dst = i * d;
                for (var k = 0; k < d; k++)
                {
                    buffer[dst + k] = x[src + k] - mean[k];
                }
            }

            using var blockScope = NewDisposeScope();
            var block = tensor(buffer, [blockRows, d]).narrow(0, 0, rows);
            cov.addmm_(block.t(), block);
        }

        cov.div_(n - 1);
        var total = cov.trace().item<double>();
        var (values, vectors) = linalg.eigh(cov);
        var eigenvalues = values.data<double>().ToArray();
        var eigenvectors = vectors.contiguous().data<double>().ToArray(); // row-major d×d; column j is eigenvector j

        var result = new double[components][];
        var variances = new double[components];
        for (var c = 0; c < components; c++)
        {
            var column = d - 1 - c; // eigh sorts ascending
            var v = new double[d];
            var largest = 0;
            for (var k = 0; k < d; k++)
            {
                v[k] = eigenvectors[(k * d) + column];
                if (Math.Abs(v[k]) > Math.Abs(v[largest]))
                {
                    largest = k;
                }
            }

            if (v[largest] < 0)
            {
                for (var k = 0; k < d; k++)
                {
                    v[k] = -v[k];
                }
            }

            result[c] = v;
            variances[c] = eigenvalues[column];
        }

        return new PcaResult(mean, result, variances, total);
    }

    /// <summary>Column means in double, checking every value is finite.</summary>
    private static double[] Mean(float[] x, int n, int d)
    {
        var sum = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = i * d;
            for (var k = 0; k < d; k++)
            {
                var v = x[row + k];
                if (!float.IsFinite(v))
                {
                    throw new ArgumentException($"x[{i}·{d} + {k}] (sample {i}, coordinate {k}) is not finite.", nameof(x));
                }

                sum[k] += v;
            }
        }

        for (var k = 0; k < d; k++)
        {
            sum[k] /= n;
        }

        return sum;
    }
}
