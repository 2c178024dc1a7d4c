using System.Numerics;

namespace FreqScope.Spectral;

/// <summary>
/// Direct (non-uniform) discrete Fourier transform of vector-valued samples at arbitrary positions, the transform of
/// the F-Principle's projection method: the labels (or network outputs) of high-dimensional inputs x_i are looked at
/// as a function of the 1-D coordinate t_i = p·x_i along a direction p.
/// </summary>
/// <remarks>
/// <para>
/// Convention (normalised like <see cref="Dft"/>): for n samples t_i with m components y_{i,c},
/// <c>ŷ_c(k) = (1/n) Σ_i y_{i,c} e^{−2πi k t_i}</c>, with k in cycles per unit of t (multiply by 2π for angular
/// frequency). The positions need not be uniform, sorted or distinct. On the uniform grid t_i = i/n at an integer
/// k this is exactly the DFT coefficient X_k of <see cref="Dft.Forward(ReadOnlySpan{double})"/>.
/// </para>
/// <para>
/// Layout: samples are row-major, <c>values[i·m + c]</c>; spectra are frequency-major, <c>spectrum[j·m + c]</c>
/// = ŷ_c(k_j). <see cref="ProjectedSpectrum"/> works on that layout.
/// </para>
/// <para>
/// Cost O(n·K·(1 + m)): one <see cref="Math.SinCos"/> per (sample, frequency), parallelised over frequencies. The
/// phase k·t_i is reduced to [−½, ½] cycles before the sine is taken, and sums are accumulated in blocks of
/// 256 samples, so rounding errors stay near 1e-14 of (1/n) Σ|y| even for n = 60 000 (well inside 1e-12).
/// </para>
/// </remarks>
public static class NonUniformDft
{
    /// <summary>Samples per partial sum (blockwise summation bounds rounding growth by n/SumBlock + SumBlock).</summary>
    private const int SumBlock = 256;

    /// <summary>
    /// <c>ŷ_c(k_j) = (1/n) Σ_i values[i·m + c] · e^{−2πi k_j t_i}</c> for every frequency k_j and component c.
    /// </summary>
    /// <param name="t">Sample positions t_0..t_{n−1}, finite, any spacing and order; n ≥ 1.</param>
    /// <param name="values">Sample values, row-major n×m: <c>values[i·m + c]</c>; finite.</param>
    /// <param name="components">m ≥ 1, the number of components per sample (e.g. 10 classes).</param>
    /// <param name="frequencies">Frequencies k_j in cycles per unit of t, finite (negative allowed).</param>
    /// <returns>K·m coefficients, frequency-major: <c>result[j·m + c]</c> = ŷ_c(k_j).</returns>
    /// <exception cref="ArgumentException">No samples, a length mismatch, or a non-finite position, value or frequency.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="components"/> &lt; 1.</exception>
    public static Complex[] Forward(
        ReadOnlySpan<double> t,
        ReadOnlySpan<double> values,
        int components,
        ReadOnlySpan<double> frequencies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        var n = t.Length;
        if (n == 0)
        {
            throw new ArgumentException("The transform needs at least one sample.", nameof(t));
        }

        if ((long)n * components != values.Length)
        {
            throw new ArgumentException(
                $"values has {values.Length} entries but t has {n} samples of {components} components ({(long)n * components} expected).",
                nameof(values));
        }

        RequireFinite(t, nameof(t));
        RequireFinite(values, nameof(values));
        RequireFinite(frequencies, nameof(frequencies));

        var m = components;
        var positions = t.ToArray();
        var samples = values.ToArray();
        var freqs = frequencies.ToArray();
        var result = new Complex[freqs.Length * m];
        var scale = 1.0 / n;

        Parallel.For(0, freqs.Length, j =>
        {
            var k = freqs[j];
            var totalRe = new double[m];
            var totalIm = new double[m];
            var blockRe = new double[m];
            var blockIm = new double[m];
            for (var start = 0; start < n; start += SumBlock)
            {
                var end = Math.Min(n, start + SumBlock);
                Array.Clear(blockRe);
                Array.Clear(blockIm);
                for (var i = start; i < end; i++)
                {
                    // e^{−2πi k t}: reduce the phase k·t (cycles) to [−½, ½] so the angle stays small and exact.
                    var phase = k * positions[i];
                    phase -= Math.Round(phase);
                    var (sin, cos) = Math.SinCos(-2.0 * Math.PI * phase);
                    var row = i * m;
                    for (var c = 0; c < m; c++)
                    {
                        var v = samples[row + c];
                        blockRe[c] += v * cos;
                        blockIm[c] += v * sin;
                    }
                }

                for (var c = 0; c < m; c++)
                {
                    totalRe[c] += blockRe[c];
                    totalIm[c] += blockIm[c];
                }
            }

            for (var c = 0; c < m; c++)
            {
                result[(j * m) + c] = new Complex(totalRe[c] * scale, totalIm[c] * scale);
            }
        });

        return result;
    }

    private static void RequireFinite(ReadOnlySpan<double> data, string name)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (!double.IsFinite(data[i]))
            {
                throw new ArgumentException(
                    $"{name}[{i}] is {data[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}; every entry must be finite.",
                    name);
            }
        }
    }
}
