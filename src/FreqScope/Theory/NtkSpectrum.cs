using FreqScope.Native;
using static TorchSharp.torch;

namespace FreqScope.Theory;

/// <summary>
/// Eigendecomposition Θ = Σ_k λ_k v_k v_kᵀ of a symmetric kernel matrix (an NTK on the training points), in float64
/// with libtorch's <c>linalg.eigh</c>.
/// </summary>
/// <remarks>
/// Conventions: eigenvalues are sorted in descending order (λ_0 ≥ λ_1 ≥ …); each eigenvector has unit Euclidean norm
/// and is signed so that its entry of largest magnitude is positive (the first such entry on ties). The input is
/// symmetrised as (Θ + Θᵀ)/2 before the decomposition; for an empirical NTK tiny negative eigenvalues (rounding) may
/// appear and are kept as they are.
/// </remarks>
public sealed class NtkSpectrum
{
    private readonly double[][] _vectors;

    /// <summary>Decomposes the n×n symmetric matrix <paramref name="kernel"/>.</summary>
    /// <param name="kernel">Square, symmetric up to rounding (|Θ_ij − Θ_ji| ≤ 1e-8·max|Θ|), finite.</param>
    /// <exception cref="ArgumentException">The matrix is empty, not square, not finite or not symmetric.</exception>
    public NtkSpectrum(double[,] kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var n = kernel.GetLength(0);
        if (n == 0 || kernel.GetLength(1) != n)
        {
            throw new ArgumentException($"The kernel must be a non-empty square matrix, got {n}×{kernel.GetLength(1)}.", nameof(kernel));
        }

        var scale = 0.0;
        foreach (var v in kernel)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("The kernel holds a non-finite value.", nameof(kernel));
            }

            scale = Math.Max(scale, Math.Abs(v));
        }

        var data = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (Math.Abs(kernel[i, j] - kernel[j, i]) > 1e-8 * scale)
                {
                    throw new ArgumentException($"The kernel is not symmetric: Θ[{i},{j}] = {kernel[i, j]} but Θ[{j},{i}] = {kernel[j, i]}.", nameof(kernel));
                }

                data[(i * n) + j] = 0.5 * (kernel[i, j] + kernel[j, i]);
            }
        }

        NativeLoader.EnsureLoaded();
        double[] values;
        double[] vectors;
        using (NewDisposeScope())
        {
            using var _ = no_grad();
            var (l, q) = linalg.eigh(tensor(data, [n, n]));
            values = l.data<double>().ToArray();
            vectors = q.contiguous().data<double>().ToArray(); // row-major; column k is eigenvector k
        }

        Size = n;
        var eigenvalues = new double[n];
        _vectors = new double[n][];
        for (var k = 0; k < n; k++)
        {
            var column = n - 1 - k; // eigh sorts ascending
            eigenvalues[k] = values[column];
            var v = new double[n];
            var largest = 0;
            for (var i = 0; i < n; i++)
            {
                v[i] = vectors[(i * n) + column];
                if (Math.Abs(v[i]) > Math.Abs(v[largest]))
                {
                    largest = i;
                }
            }

            if (v[largest] < 0)
            {
                for (var i = 0; i < n; i++)
                {
                    v[i] = -v[i];
                }
            }

            _vectors[k] = v;
        }

        Eigenvalues = eigenvalues;
    }

    /// <summary>Matrix size n.</summary>
    public int Size { get; }

    /// <summary>Eigenvalues λ_0 ≥ λ_1 ≥ … ≥ λ_{n−1}.</summary>
    public IReadOnlyList<double> Eigenvalues { get; }

    /// <summary>Unit eigenvector v_k (length n) of <see cref="Eigenvalues"/>[k], largest-magnitude entry positive; a copy.</summary>
    /// <param name="k">Index in [0, n).</param>
    public double[] Eigenvector(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Size);
        return (double[])_vectors[k].Clone();
    }

    /// <summary>Coefficients c_k = v_kᵀ r of a vector on the eigenbasis, in the order of <see cref="Eigenvalues"/>; Σ c_k² = ‖r‖².</summary>
    /// <param name="residual">A length-n vector, e.g. the training residual f − y.</param>
    /// <exception cref="ArgumentException">The length is not n.</exception>
    public double[] Project(double[] residual)
    {
        CheckLength(residual, nameof(residual));
        var c = new double[Size];
        for (var k = 0; k < Size; k++)
        {
            var v = _vectors[k];
            var sum = 0.0;
            for (var i = 0; i < Size; i++)
            {
                sum += v[i] * residual[i];
            }

            c[k] = sum;
        }

        return c;
    }

    /// <summary>The vector Σ_k c_k v_k with the given eigenbasis coefficients (the inverse of <see cref="Project"/>).</summary>
    /// <param name="coefficients">Length-n coefficients in the order of <see cref="Eigenvalues"/>.</param>
    /// <exception cref="ArgumentException">The length is not n.</exception>
    public double[] Reconstruct(double[] coefficients)
    {
        CheckLength(coefficients, nameof(coefficients));
        var r = new double[Size];
        for (var k = 0; k < Size; k++)
        {
            var v = _vectors[k];
            var c = coefficients[k];
            for (var i = 0; i < Size; i++)
            {
                r[i] += c * v[i];
            }
        }

        return r;
    }

    /// <summary>The vector Σ_k g(λ_k) (v_kᵀ r) v_k, i.e. g(Θ) r for a scalar function g of the eigenvalues.</summary>
    /// <param name="vector">Length-n vector r.</param>
    /// <param name="function">g, applied to each eigenvalue (with its index k).</param>
    /// <exception cref="ArgumentException">The length is not n.</exception>
    public double[] Apply(double[] vector, Func<double, int, double> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var c = Project(vector);
        for (var k = 0; k < Size; k++)
        {
            c[k] *= function(Eigenvalues[k], k);
        }

        return Reconstruct(c);
    }

    private void CheckLength(double[] vector, string name)
    {
        ArgumentNullException.ThrowIfNull(vector, name);
        if (vector.Length != Size)
        {
            throw new ArgumentException($"Expected a vector of length {Size}, got {vector.Length}.", name);
        }
    }
}
