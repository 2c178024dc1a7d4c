using System.Globalization;

namespace FreqScope.Spectral;

/// <summary>
/// Directions p in input space and the projections t_i = p·x_i of the projection method: the labels of
/// d-dimensional inputs are studied as a function of the 1-D coordinate t along p (see <see cref="NonUniformDft"/>).
/// </summary>
/// <remarks>
/// Inputs are row-major float32 n×d arrays, <c>x[i·d + k]</c>. Projections are not centred: shifting every t_i by the
/// same t₀ multiplies ŷ(k) by the phase e^{−2πi k t₀}, equally for target and network, so |ŷ(k)|, ‖ŷ(k)‖ and both
/// relative-error forms of <see cref="ProjectedSpectrum"/> are unchanged.
/// </remarks>
public static class ProjectionDirection
{
    /// <summary>
    /// A uniformly random unit vector: d i.i.d. standard normals from <see cref="SplitMix64"/> seeded with
    /// <paramref name="seed"/> (Box–Muller, both outputs of each pair used in turn), divided by their norm.
    /// The same (d, seed) gives the same vector on every machine and .NET version.
    /// </summary>
    /// <param name="d">Dimension, ≥ 1.</param>
    /// <param name="seed">Generator seed.</param>
    /// <returns>A vector of length d with Euclidean norm 1 (to rounding).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="d"/> &lt; 1.</exception>
    public static double[] Random(int d, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        var rng = new SplitMix64(seed);
        var v = new double[d];
        for (var i = 0; i < d; i += 2)
        {
            // u1 in (0, 1] keeps the logarithm finite.
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1));
            var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
            v[i] = r * cos;
            if (i + 1 < d)
            {
                v[i + 1] = r * sin;
            }
        }

        return Normalize(v, d);
    }

    /// <summary>A copy of <paramref name="v"/> scaled to unit Euclidean norm.</summary>
    /// <param name="v">The direction; finite, not zero.</param>
    /// <param name="expectedLength">The input dimension d that <paramref name="v"/> must have.</param>
    /// <returns>v / ‖v‖ as a new array.</returns>
    /// <exception cref="ArgumentException">The length is not d, an entry is not finite, or the norm is zero.</exception>
    public static double[] Normalize(double[] v, int expectedLength)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (v.Length != expectedLength)
        {
            throw new ArgumentException(
                $"The direction has {v.Length} coordinates but the inputs have dimension {expectedLength}.", nameof(v));
        }

        double sum = 0;
        for (var i = 0; i < v.Length; i++)
        {
            if (!double.IsFinite(v[i]))
            {
                throw new ArgumentException(
                    $"Direction coordinate {i} is {v[i].ToString(CultureInfo.InvariantCulture)}; every coordinate must be finite.", nameof(v));
            }

            sum += v[i] * v[i];
        }

        var norm = Math.Sqrt(sum);
        if (!(norm > 0) || !double.IsFinite(norm))
        {
            throw new ArgumentException(
                $"The direction has norm {norm.ToString(CultureInfo.InvariantCulture)}; it cannot be scaled to unit length.", nameof(v));
        }

        var result = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            result[i] = v[i] / norm;
        }

        return result;
    }

    /// <summary>
    /// t_i = Σ_k p_k x[i·d + k] for every sample, accumulated in double; not centred (see the remarks).
    /// </summary>
    /// <param name="x">Inputs, row-major n×d float32.</param>
    /// <param name="n">Number of samples, ≥ 1.</param>
    /// <param name="d">Input dimension, ≥ 1.</param>
    /// <param name="direction">p, length d, used as given (pass a unit vector, e.g. from <see cref="Normalize"/>, so t is in units of x).</param>
    /// <returns>The n projections.</returns>
    /// <exception cref="ArgumentException">x does not hold n·d values or the direction's length is not d.</exception>
    /// <exception cref="ArgumentOutOfRangeException">n or d &lt; 1.</exception>
    public static double[] Project(float[] x, int n, int d, double[] direction)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(direction);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        if (x.Length != (long)n * d)
        {
            throw new ArgumentException($"x has {x.Length} values but n×d = {n}×{d} = {(long)n * d}.", nameof(x));
        }

        if (direction.Length != d)
        {
            throw new ArgumentException(
                $"The direction has {direction.Length} coordinates but the inputs have dimension {d}.", nameof(direction));
        }

        var t = new double[n];
        Parallel.For(0, (n + 1023) / 1024, chunk =>
        {
            var end = Math.Min(n, (chunk + 1) * 1024);
            for (var i = chunk * 1024; i < end; i++)
            {
                var row = x.AsSpan(i * d, d);
                double sum = 0;
                for (var k = 0; k < d; k++)
                {
                    sum += direction[k] * row[k];
                }

                t[i] = sum;
            }
        });

        return t;
    }
}
