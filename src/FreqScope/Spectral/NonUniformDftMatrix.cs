using System.Numerics;

namespace FreqScope.Spectral;

/// <summary>
/// The non-uniform DFT of <see cref="NonUniformDft"/> for fixed positions and frequencies, with the complex
/// exponentials computed once: the transform of many signals sampled at the same points (a network's output over
/// training) then costs one matrix–vector product each.
/// </summary>
/// <remarks>
/// Convention as <see cref="NonUniformDft.Forward"/>: ŷ(ξ_j) = (1/n) Σ_i y_i e^{−2πi ξ_j x_i}, ξ in cycles per unit of
/// x, absolute positions x_i (the phase depends on the origin). Memory: 16·n·K bytes for n points and K frequencies.
/// </remarks>
public sealed class NonUniformDftMatrix
{
    /// <summary>Largest n·K accepted (about 128 MB of tables).</summary>
    public const long MaxEntries = 8_000_000;

    private readonly double[] _cos; // [j·n + i] = cos(2π ξ_j x_i) / n
    private readonly double[] _sin; // [j·n + i] = sin(2π ξ_j x_i) / n

    /// <param name="positions">x_i, finite; n ≥ 1.</param>
    /// <param name="frequencies">ξ_j, finite, cycles per unit of x.</param>
    /// <exception cref="ArgumentException">No positions, a non-finite value, or n·K above <see cref="MaxEntries"/>.</exception>
    public NonUniformDftMatrix(IReadOnlyList<double> positions, IReadOnlyList<double> frequencies)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(frequencies);
        int n = positions.Count, k = frequencies.Count;
        if (n == 0) throw new ArgumentException("the transform needs at least one position", nameof(positions));
        if ((long)n * k > MaxEntries)
            throw new ArgumentException($"{n} positions × {k} frequencies = {(long)n * k} entries; at most {MaxEntries}", nameof(frequencies));
        if (positions.Any(v => !double.IsFinite(v))) throw new ArgumentException("a position is not finite", nameof(positions));
        if (frequencies.Any(v => !double.IsFinite(v))) throw new ArgumentException("a frequency is not finite", nameof(frequencies));
        Count = n;
        Frequencies = frequencies.ToArray();
        _cos = new double[n * k];
        _sin = new double[n * k];
        var x = positions.ToArray();
        Parallel.For(0, k, j =>
        {
            double xi = Frequencies[j];
            for (int i = 0; i < n; i++)
            {
                // Reduce the phase to [−½, ½] cycles before the sine, as NonUniformDft does.
                double cycles = xi * x[i];
                cycles -= Math.Round(cycles);
                var (s, c) = Math.SinCos(2 * Math.PI * cycles);
                _cos[j * n + i] = c / n;
                _sin[j * n + i] = s / n;
            }
        });
    }

    /// <summary>Number of positions n.</summary>
    public int Count { get; }

    /// <summary>The frequencies ξ_j.</summary>
    public IReadOnlyList<double> Frequencies { get; }

    /// <summary>ŷ(ξ_j) for every frequency.</summary>
    /// <param name="values">y_i, one per position.</param>
    /// <exception cref="ArgumentException">The length is not n.</exception>
    public Complex[] Forward(ReadOnlySpan<double> values)
    {
        if (values.Length != Count) throw new ArgumentException($"{values.Length} values for {Count} positions", nameof(values));
        int n = Count;
        var result = new Complex[Frequencies.Count];
        for (int j = 0; j < result.Length; j++)
        {
            var c = _cos.AsSpan(j * n, n);
            var s = _sin.AsSpan(j * n, n);
            double re = 0, im = 0;
            for (int i = 0; i < n; i++)
            {
                re += values[i] * c[i];
                im -= values[i] * s[i];
            }

            result[j] = new Complex(re, im);
        }

        return result;
    }
}
