using System.Collections.Concurrent;
using System.Numerics;

namespace FreqScope.Spectral;

/// <summary>
/// Discrete Fourier transform of uniformly sampled data, for any length n ≥ 1, in O(n log n).
/// </summary>
/// <remarks>
/// <para>
/// Convention (normalised forward transform, the one used by the F-Principle analysis so that a
/// coefficient does not grow with the number of samples):
/// <c>X_k = (1/n) Σ_{j=0}^{n−1} x_j e^{−2πi jk/n}</c> for <c>k = 0..n−1</c>, and the inverse
/// <c>x_j = Σ_{k=0}^{n−1} X_k e^{+2πi jk/n}</c>, so that <c>Inverse(Forward(x)) == x</c>.
/// With this convention Parseval reads <c>Σ|x_j|² = n Σ|X_k|²</c>, and a unit-amplitude sinusoid that
/// completes exactly k periods over the window has <c>|X_k| = |X_{n−k}| = 1/2</c>.
/// </para>
/// <para>
/// Grid assumption: the samples <c>x_j</c> lie on a uniform grid of spacing Δx; the transform treats the
/// window of length n·Δx as one period (see <see cref="Frequency"/>).
/// </para>
/// <para>
/// Lengths that are powers of two use an iterative radix-2 Cooley–Tukey FFT; other lengths use
/// Bluestein's chirp-z algorithm on top of a power-of-two FFT. Twiddle factors and Bluestein chirps are
/// computed directly (no recurrences) and cached per length in thread-safe dictionaries, because the same
/// length is transformed thousands of times during training. All methods are thread-safe.
/// </para>
/// </remarks>
public static class Dft
{
    /// <summary>Twiddles e^{−2πi k/m}, k = 0..m/2−1, per power-of-two length m.</summary>
    private static readonly ConcurrentDictionary<int, Complex[]> TwiddleCache = new();

    /// <summary>Bluestein plans per non-power-of-two length n.</summary>
    private static readonly ConcurrentDictionary<int, BluesteinPlan> BluesteinCache = new();

    /// <summary>
    /// Normalised forward DFT of real samples: <c>X_k = (1/n) Σ_j x_j e^{−2πi jk/n}</c>, k = 0..n−1.
    /// </summary>
    /// <param name="x">Samples on a uniform grid; length n ≥ 1.</param>
    /// <returns>The n complex coefficients X_0..X_{n−1}.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static Complex[] Forward(ReadOnlySpan<double> x)
    {
        RequireNonEmpty(x.Length, nameof(x));
        var data = new Complex[x.Length];
        for (var j = 0; j < x.Length; j++)
        {
            data[j] = new Complex(x[j], 0.0);
        }

        return ForwardInPlace(data);
    }

    /// <summary>
    /// Normalised forward DFT of complex samples: <c>X_k = (1/n) Σ_j x_j e^{−2πi jk/n}</c>, k = 0..n−1.
    /// </summary>
    /// <param name="x">Samples on a uniform grid; length n ≥ 1.</param>
    /// <returns>The n complex coefficients X_0..X_{n−1}.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static Complex[] Forward(ReadOnlySpan<Complex> x)
    {
        RequireNonEmpty(x.Length, nameof(x));
        return ForwardInPlace(x.ToArray());
    }

    /// <summary>
    /// Inverse DFT (no normalisation factor): <c>x_j = Σ_k X_k e^{+2πi jk/n}</c>, j = 0..n−1,
    /// so that <c>Inverse(Forward(x)) == x</c> up to rounding.
    /// </summary>
    /// <param name="X">Coefficients X_0..X_{n−1}; length n ≥ 1.</param>
    /// <returns>The n samples x_0..x_{n−1}.</returns>
    /// <exception cref="ArgumentException"><paramref name="X"/> is empty.</exception>
    public static Complex[] Inverse(ReadOnlySpan<Complex> X)
    {
        RequireNonEmpty(X.Length, nameof(X));
        var data = X.ToArray();
        Transform(data, inverse: true);
        return data;
    }

    /// <summary>
    /// One-sided magnitude spectrum <c>|X_k|</c> for k = 0..⌊n/2⌋ (n/2 in integer division), i.e. from the
    /// zero frequency up to the Nyquist index. For real input the omitted half mirrors it (|X_{n−k}| = |X_k|).
    /// </summary>
    /// <param name="X">Coefficients from <see cref="Forward(ReadOnlySpan{double})"/>; length n ≥ 1.</param>
    /// <returns>An array of length n/2 + 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="X"/> is empty.</exception>
    public static double[] OneSidedMagnitudes(ReadOnlySpan<Complex> X)
    {
        RequireNonEmpty(X.Length, nameof(X));
        var result = new double[(X.Length / 2) + 1];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = X[k].Magnitude;
        }

        return result;
    }

    /// <summary>
    /// Frequency of DFT index <paramref name="k"/>, in cycles per unit of x: <c>k / (n·Δx)</c>.
    /// The grid has n points with uniform spacing Δx, so the DFT window (one period) is n·Δx long.
    /// For example 101 points of <c>linspace(−π, π)</c> (both endpoints included) have Δx = 2π/100 and a
    /// window of 2.02π, so k = 1 is 1/(2.02π) cycles per unit. Multiply by 2π for angular frequency.
    /// </summary>
    /// <param name="k">DFT index (negative values give negative frequencies).</param>
    /// <param name="n">Number of grid points, n ≥ 1.</param>
    /// <param name="spacing">Grid spacing Δx, finite and &gt; 0.</param>
    /// <returns>The frequency in cycles per unit of x.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 1 or <paramref name="spacing"/> not finite and positive.</exception>
    public static double Frequency(int k, int n, double spacing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (!(spacing > 0) || double.IsInfinity(spacing))
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "The grid spacing must be finite and positive.");
        }

        return k / (n * spacing);
    }

    private static void RequireNonEmpty(int length, string name)
    {
        if (length == 0)
        {
            throw new ArgumentException("The DFT needs at least one sample.", name);
        }
    }

    private static Complex[] ForwardInPlace(Complex[] data)
    {
        Transform(data, inverse: false);
        var scale = 1.0 / data.Length;
        for (var k = 0; k < data.Length; k++)
        {
            data[k] *= scale;
        }

        return data;
    }

    /// <summary>Unnormalised DFT in place, exponent sign − (forward) or + (inverse).</summary>
    private static void Transform(Complex[] data, bool inverse)
    {
        var n = data.Length;
        if (n == 1)
        {
            return;
        }

        if (BitOperations.IsPow2(n))
        {
            Radix2(data, inverse);
        }
        else if (inverse)
        {
            // Σ X_k e^{+iθ} = conj(Σ conj(X_k) e^{−iθ}).
            Conjugate(data);
            Bluestein(data);
            Conjugate(data);
        }
        else
        {
            Bluestein(data);
        }
    }

    private static void Conjugate(Complex[] data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = Complex.Conjugate(data[i]);
        }
    }

    private static Complex[] Twiddles(int m) => TwiddleCache.GetOrAdd(m, static size =>
    {
        var table = new Complex[size / 2];
        for (var k = 0; k < table.Length; k++)
        {
            var (sin, cos) = Math.SinCos(-2.0 * Math.PI * k / size);
            table[k] = new Complex(cos, sin);
        }

        return table;
    });

    /// <summary>Iterative radix-2 Cooley–Tukey, unnormalised, length a power of two ≥ 2.</summary>
    private static void Radix2(Complex[] data, bool inverse)
    {
        var n = data.Length;
        var twiddles = Twiddles(n);

        // Bit-reversal permutation.
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (data[i], data[j]) = (data[j], data[i]);
            }
        }

        for (var len = 2; len <= n; len <<= 1)
        {
            var half = len >> 1;
            var stride = n / len;
            for (var start = 0; start < n; start += len)
            {
                for (var t = 0; t < half; t++)
                {
                    var w = twiddles[t * stride];
                    if (inverse)
                    {
                        w = Complex.Conjugate(w);
                    }

                    var a = data[start + t];
                    var b = data[start + t + half] * w;
                    data[start + t] = a + b;
                    data[start + t + half] = a - b;
                }
            }
        }
    }

    /// <summary>Bluestein chirp-z, unnormalised forward DFT of any length, via a power-of-two convolution.</summary>
    private static void Bluestein(Complex[] data)
    {
        var n = data.Length;
        var plan = BluesteinCache.GetOrAdd(n, static size => new BluesteinPlan(size));
        var m = plan.FilterSpectrum.Length;

        var work = new Complex[m];
        for (var j = 0; j < n; j++)
        {
            work[j] = data[j] * plan.Chirp[j];
        }

        Radix2(work, inverse: false);
        for (var i = 0; i < m; i++)
        {
            work[i] *= plan.FilterSpectrum[i];
        }

        Radix2(work, inverse: true);
        var scale = 1.0 / m;
        for (var k = 0; k < n; k++)
        {
            data[k] = work[k] * plan.Chirp[k] * scale;
        }
    }

    /// <summary>Precomputed chirp w_j = e^{−πi j²/n} and the FFT of the conjugate-chirp filter for one length.</summary>
    private sealed class BluesteinPlan
    {
        public BluesteinPlan(int n)
        {
            var m = (int)BitOperations.RoundUpToPowerOf2((uint)((2 * n) - 1));
            Chirp = new Complex[n];
            var period = 2L * n;
            for (var j = 0; j < n; j++)
            {
                // j² mod 2n keeps the angle small, so the chirp stays accurate for large n.
                var r = (long)j * j % period;
                var (sin, cos) = Math.SinCos(-Math.PI * r / n);
                Chirp[j] = new Complex(cos, sin);
            }

            var filter = new Complex[m];
            filter[0] = Complex.Conjugate(Chirp[0]);
            for (var j = 1; j < n; j++)
            {
                var c = Complex.Conjugate(Chirp[j]);
                filter[j] = c;
                filter[m - j] = c;
            }

            Radix2(filter, inverse: false);
            FilterSpectrum = filter;
        }

        public Complex[] Chirp { get; }

        public Complex[] FilterSpectrum { get; }
    }
}
