using System.Globalization;
using FreqScope.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Spectral;

/// <summary>
/// The low-pass filter of the F-Principle's filtering method: Gaussian smoothing of values over high-dimensional
/// inputs, y^{low,δ}_i = Σ_j y_j G_ij / Σ_j G_ij with G_ij = exp(−|x_i − x_j|² / (2δ)), for several δ at once.
/// </summary>
/// <remarks>
/// <para>
/// <b>δ is a variance</b> (units of x squared), not a standard deviation: the kernel is the Gaussian of variance δ per
/// coordinate, whose Fourier transform exp(−2π²δ|k|²) keeps frequencies |k| ≲ 1/(2π√δ) (cycles per unit of x). The
/// high-frequency part is y − y^{low,δ}. The sums run over all n samples, the sample itself included.
/// </para>
/// <para>
/// Squared distances come from one matrix product of augmented rows, [x_i, |x_i|², 1]·[−2x_j, 1, |x_j|²] =
/// |x_i|² + |x_j|² − 2 x_i·x_j, in float32, clamped at 0, with each sample's distance to itself set to exactly 0
/// (so every row's kernel sum is ≥ 1 and never underflows to 0/0). Folding the norms into the product saves two
/// passes over every n-wide block compared with adding them afterwards.
/// Work is done in blocks of <see cref="BlockRows"/> rows, never materialising n×n distances except for caching:
/// when n²·|δ|·4 bytes fit in the cache budget, the row-normalised kernel W_δ (W_ij = G_ij / Σ_j G_ij) is built
/// once per δ in the constructor and <see cref="LowPass"/> is one product W_δ·y per δ (what makes probing every
/// epoch cheap for n up to about 10 000 with the default 1 GiB budget). Otherwise each call streams: per row block
/// the distance block is computed once and reused for every δ, at 2·n²·d flops per call plus 2·n²·(m+1) per δ.
/// </para>
/// <para>
/// All tensors live on the inputs' device. In streaming mode the filter keeps the two augmented copies of the
/// inputs, 2·n·(d + 2) floats; it owns them and its caches; dispose it to free them.
/// </para>
/// </remarks>
public sealed class GaussianFilter : IDisposable
{
    /// <summary>Target size of one block's float32 temporaries (distance block and kernel block), bytes.</summary>
    private const long BlockBudgetBytes = 256L << 20;

    private readonly Device _device;
    private readonly Tensor? _left;
    private readonly Tensor? _rightT;
    private readonly Tensor[]? _kernels;
    private readonly double[] _deltas;
    private bool _disposed;

    /// <summary>Prepares the filter over <paramref name="inputs"/>, building the kernels when they fit the cache budget.</summary>
    /// <param name="inputs">The samples x_i, an n×d float32 tensor (n, d ≥ 1) on any device.</param>
    /// <param name="deltas">The variances δ, at least one, each finite and &gt; 0 (units of x squared).</param>
    /// <param name="cacheBudgetBytes">Kernels are cached when n²·|δ|·4 bytes ≤ this (0: never cache); ≥ 0.</param>
    /// <param name="blockRows">Rows per block, ≥ 1; 0 picks the largest keeping a block's two n-wide float32 temporaries under 256 MB.</param>
    /// <exception cref="ArgumentException">The inputs are not a non-empty 2-D float32 tensor, or no δ is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A δ is not finite and positive, or the budget or block size is negative.</exception>
    public GaussianFilter(Tensor inputs, IReadOnlyList<double> deltas, long cacheBudgetBytes = 1L << 30, int blockRows = 0)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(deltas);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheBudgetBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(blockRows);
        NativeLoader.EnsureLoaded();
        if (inputs.dim() != 2 || inputs.shape[0] < 1 || inputs.shape[1] < 1 || inputs.dtype != ScalarType.Float32)
        {
            throw new ArgumentException(
                $"inputs must be a non-empty n×d float32 tensor; got shape [{string.Join(", ", inputs.shape)}] of {inputs.dtype}.",
                nameof(inputs));
        }

        if (deltas.Count == 0)
        {
            throw new ArgumentException("At least one δ is needed.", nameof(deltas));
        }

        foreach (var delta in deltas)
        {
            if (!(delta > 0) || !double.IsFinite(delta))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(deltas), delta, $"δ = {delta.ToString(CultureInfo.InvariantCulture)}; every δ (a variance) must be finite and positive.");
            }
        }

        _deltas = [.. deltas];
        Count = checked((int)inputs.shape[0]);
        BlockRows = blockRows > 0
            ? Math.Min(blockRows, Count)
            : (int)Math.Clamp(BlockBudgetBytes / (2L * 4 * Count), 1, Count);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = inputs.detach();
        _device = x.device;
        var squared = x.mul(x).sum(1, keepdim: true);
        var ones = ones_like(squared);
        var left = cat([x, squared, ones], 1);
        var rightT = cat([x.mul(-2.0), ones, squared], 1).t().contiguous();
        var kernelBytes = (double)Count * Count * _deltas.Length * 4;
        if (kernelBytes <= cacheBudgetBytes)
        {
            var kernels = new Tensor[_deltas.Length];
            for (var k = 0; k < kernels.Length; k++)
            {
                kernels[k] = empty(Count, Count, dtype: ScalarType.Float32, device: x.device);
            }

            for (var start = 0; start < Count; start += BlockRows)
            {
                using var blockScope = NewDisposeScope();
                var rows = Math.Min(BlockRows, Count - start);
                var distances = SquaredDistances(left, rightT, start, rows);
                for (var k = 0; k < kernels.Length; k++)
                {
                    using var deltaScope = NewDisposeScope();
                    var g = Kernel(distances, _deltas[k], inPlace: k == kernels.Length - 1);
                    kernels[k].narrow(0, start, rows).copy_(g.div_(g.sum(1, keepdim: true)));
                }
            }

            foreach (var kernel in kernels)
            {
                kernel.MoveToOuterDisposeScope();
            }

            _kernels = kernels;
        }
        else
        {
            _left = left.MoveToOuterDisposeScope();
            _rightT = rightT.MoveToOuterDisposeScope();
        }
    }

    /// <summary>The variances δ, in the order given and of the tensors <see cref="LowPass"/> returns.</summary>
    public IReadOnlyList<double> Deltas => _deltas;

    /// <summary>The number of samples n.</summary>
    public int Count { get; }

    /// <summary>Whether the row-normalised kernels are cached (each <see cref="LowPass"/> is then one product per δ).</summary>
    public bool KernelsCached => _kernels is not null;

    /// <summary>Rows per block used for distances (the resolved value when 0 was asked for).</summary>
    public int BlockRows { get; }

    /// <summary>
    /// The low-frequency parts y^{low,δ} = (Σ_j G_ij y_j / Σ_j G_ij)_i of <paramref name="values"/>, one per δ.
    /// </summary>
    /// <param name="values">y, an n×m float32 tensor (m ≥ 1) on the inputs' device; gradients are not tracked.</param>
    /// <returns>One new n×m float32 tensor per δ, in the order of <see cref="Deltas"/>; the caller owns and disposes them.</returns>
    /// <exception cref="ArgumentException">values is not n×m float32 on the inputs' device.</exception>
    /// <exception cref="ObjectDisposedException">The filter has been disposed.</exception>
    public Tensor[] LowPass(Tensor values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(values);
        if (values.dim() != 2 || values.shape[0] != Count || values.shape[1] < 1 || values.dtype != ScalarType.Float32)
        {
            throw new ArgumentException(
                $"values must be a {Count}×m float32 tensor (m ≥ 1); got shape [{string.Join(", ", values.shape)}] of {values.dtype}.",
                nameof(values));
        }

        if (values.device_type != _device.type || values.device_index != _device.index)
        {
            throw new ArgumentException(
                $"values are on {values.device} but the filter's inputs are on {_device}.", nameof(values));
        }

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var y = values.detach();
        var results = new Tensor[_deltas.Length];
        if (_kernels is not null)
        {
            // A transposed view of a contiguous m×n copy: libtorch's BLAS runs this n-long, m-wide product about
            // twice as fast as with the n×m layout (measured on the 2-core development machine).
            var yT = y.t().contiguous();
            for (var k = 0; k < results.Length; k++)
            {
                results[k] = _kernels[k].mm(yT.t());
            }
        }
        else
        {
            var m = y.shape[1];
            // [y | 1] stored transposed (see above): one product gives the weighted sums and the normaliser together.
            var augmentedT = cat([y, ones(Count, 1, dtype: ScalarType.Float32, device: y.device)], 1).t().contiguous();
            for (var k = 0; k < results.Length; k++)
            {
                results[k] = empty(Count, m, dtype: ScalarType.Float32, device: y.device);
            }

            for (var start = 0; start < Count; start += BlockRows)
            {
                using var blockScope = NewDisposeScope();
                var rows = Math.Min(BlockRows, Count - start);
                var distances = SquaredDistances(_left!, _rightT!, start, rows);
                for (var k = 0; k < results.Length; k++)
                {
                    using var deltaScope = NewDisposeScope();
                    var sums = Kernel(distances, _deltas[k], inPlace: k == results.Length - 1).mm(augmentedT.t());
                    results[k].narrow(0, start, rows).copy_(sums.narrow(1, 0, m).div_(sums.narrow(1, m, 1)));
                }
            }
        }

        foreach (var r in results)
        {
            r.MoveToOuterDisposeScope();
        }

        return results;
    }

    /// <summary>Frees the augmented inputs and any cached kernels. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _left?.Dispose();
        _rightT?.Dispose();
        if (_kernels is not null)
        {
            foreach (var kernel in _kernels)
            {
                kernel.Dispose();
            }
        }
    }

    /// <summary>|x_i|² + |x_j|² − 2 x_i·x_j for rows i in [start, start + rows) and all j, clamped ≥ 0, self-distances 0.</summary>
    private static Tensor SquaredDistances(Tensor left, Tensor rightT, int start, int rows)
    {
        var distances = left.narrow(0, start, rows).mm(rightT).clamp_min_(0);
        distances.diagonal(start).fill_(0);
        return distances;
    }

    /// <summary>G = exp(−D / (2δ)): a new tensor, or <paramref name="distances"/> itself overwritten when <paramref name="inPlace"/> (its last use).</summary>
    private static Tensor Kernel(Tensor distances, double delta, bool inPlace) =>
        (inPlace ? distances.mul_(-0.5 / delta) : distances.mul(-0.5 / delta)).exp_();
}
