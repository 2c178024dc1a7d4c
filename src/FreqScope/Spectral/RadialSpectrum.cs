
namespace FreqScope.Spectral;

/// <summary>
/// The radially averaged power spectrum of samples at points of ℝ^d: the non-uniform Fourier transform
/// ŷ(k) = (1/n) Σ_i y_i e^{−i k·x_i} (k an angular frequency, radians per unit of x) evaluated on shells |k| = r along
/// a fixed set of unit directions u_1 … u_D, and P(r) = (1/D) Σ_j |ŷ(r u_j)|² the shell's mean power.
/// </summary>
/// <remarks>
/// <para>
/// The phase table cos/sin(r u_j·x_i) is computed once (radii × directions × points doubles twice), so transforming
/// another vector of values on the same points costs one multiply-add per entry. The transform is linear, so the
/// power of a residual f − y is <see cref="Power"/> of the residual, not a difference of powers.
/// </para>
/// <para>
/// Parity on the cube: for y(x) = Π_j x_j on all of {−1, 1}^d, ŷ(k) = Π_j (−i sin k_j), so |ŷ(k)|² = Π_j sin² k_j,
/// which is 1 at k = (±π/2, …, ±π/2), |k| = √d·π/2 (the theory radius of <see cref="ParityTheoryRadius"/>). Averaged
/// over uniformly random directions the shell power has its first peak a little below it (about 0.93–0.97 of √d·π/2
/// for d = 2 … 10), because off-diagonal directions reach their largest Π sin² at a smaller radius, and nothing
/// below: the spectrum is empty at low frequency. Later humps follow (see <see cref="FirstPeakRadius"/>).
/// </para>
/// </remarks>
public sealed class RadialSpectrum
{
    private readonly double[] _cos, _sin; // [shell][direction][point]
    private readonly int _points;

    /// <summary>Builds the phase table for <paramref name="points"/> (n rows of d coordinates).</summary>
    /// <param name="points">The sample points x_i, each of the same dimension d ≥ 1; n ≥ 1.</param>
    /// <param name="radii">The shell radii r ≥ 0 (radians per unit of x).</param>
    /// <param name="directions">Unit directions u_j of dimension d (see <see cref="RandomDirections"/>).</param>
    /// <exception cref="ArgumentException">No points or directions, mismatched dimensions, or a non-finite radius.</exception>
    public RadialSpectrum(IReadOnlyList<double[]> points, IReadOnlyList<double> radii, IReadOnlyList<double[]> directions)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(radii);
        ArgumentNullException.ThrowIfNull(directions);
        if (points.Count == 0) throw new ArgumentException("no points", nameof(points));
        if (directions.Count == 0) throw new ArgumentException("no directions", nameof(directions));
        int d = points[0].Length;
        if (points.Any(p => p.Length != d)) throw new ArgumentException("the points differ in dimension", nameof(points));
        if (directions.Any(u => u.Length != d)) throw new ArgumentException($"a direction is not of dimension {d}", nameof(directions));
        if (radii.Any(r => !double.IsFinite(r) || r < 0)) throw new ArgumentException("radii must be finite and ≥ 0", nameof(radii));
        Radii = [.. radii];
        Directions = directions.Count;
        _points = points.Count;
        var projections = new double[directions.Count * _points];
        for (int j = 0; j < directions.Count; j++)
            for (int i = 0; i < _points; i++)
            {
                double s = 0;
                for (int c = 0; c < d; c++) s += directions[j][c] * points[i][c];
                projections[j * _points + i] = s;
            }

        long size = (long)Radii.Length * projections.Length;
        if (size > 50_000_000) throw new ArgumentException($"{Radii.Length} radii × {directions.Count} directions × {_points} points exceed the 50000000 entries of the phase table");
        _cos = new double[size];
        _sin = new double[size];
        Parallel.For(0, Radii.Length, s =>
        {
            long offset = (long)s * projections.Length;
            for (int e = 0; e < projections.Length; e++)
            {
                var (sin, cos) = Math.SinCos(Radii[s] * projections[e]);
                _cos[offset + e] = cos;
                _sin[offset + e] = sin;
            }
        });
    }

    /// <summary>The shell radii r (radians per unit of x).</summary>
    public double[] Radii { get; }

    /// <summary>The number of directions D per shell.</summary>
    public int Directions { get; }

    /// <summary>√d·π/2, the radius of the points (±π/2, …, ±π/2) where the parity spectrum Π sin² k_j is 1.</summary>
    public static double ParityTheoryRadius(int dimension) => Math.Sqrt(dimension) * Math.PI / 2;

    /// <summary>
    /// <paramref name="count"/> unit vectors of dimension <paramref name="dimension"/>, uniform on the sphere (normalised
    /// standard normal draws by Box–Muller from <see cref="SplitMix64"/>(<paramref name="seed"/>)): the same on every machine.
    /// </summary>
    public static double[][] RandomDirections(int dimension, int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new SplitMix64(seed);
        var result = new double[count][];
        for (int j = 0; j < count; j++)
        {
            double norm;
            var u = new double[dimension];
            do
            {
                for (int c = 0; c < dimension; c++)
                {
                    double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                    u[c] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                }

                norm = Math.Sqrt(u.Sum(v => v * v));
            }
            while (norm < 1e-12);
            for (int c = 0; c < dimension; c++) u[c] /= norm;
            result[j] = u;
        }

        return result;
    }

    /// <summary>
    /// P(r_s) = (1/D) Σ_j |(1/n) Σ_i values_i e^{−i r_s u_j·x_i}|² for every shell s.
    /// </summary>
    /// <param name="values">One value per point, in the order the points were given.</param>
    /// <exception cref="ArgumentException">The count differs from the number of points.</exception>
    public double[] Power(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != _points) throw new ArgumentException($"{values.Count} values for {_points} points", nameof(values));
        var v = values.ToArray();
        var power = new double[Radii.Length];
        int n = _points;
        Parallel.For(0, Radii.Length, s =>
        {
            double sum = 0;
            for (int j = 0; j < Directions; j++)
            {
                long offset = ((long)s * Directions + j) * n;
                double re = 0, im = 0;
                for (int i = 0; i < n; i++)
                {
                    re += v[i] * _cos[offset + i];
                    im -= v[i] * _sin[offset + i];
                }

                re /= n;
                im /= n;
                sum += re * re + im * im;
            }

            power[s] = sum / Directions;
        });
        return power;
    }

    /// <summary>
    /// <see cref="Power"/> of <paramref name="values"/> at <paramref name="points"/> computed directly, without keeping a
    /// phase table: for a transform needed once.
    /// </summary>
    public static double[] PowerOnce(IReadOnlyList<double[]> points, IReadOnlyList<double> values, IReadOnlyList<double> radii, IReadOnlyList<double[]> directions)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(radii);
        ArgumentNullException.ThrowIfNull(directions);
        if (points.Count == 0 || values.Count != points.Count) throw new ArgumentException($"{values.Count} values for {points.Count} points", nameof(values));
        int n = points.Count, d = points[0].Length;
        var projections = new double[directions.Count][];
        for (int j = 0; j < directions.Count; j++)
        {
            if (directions[j].Length != d) throw new ArgumentException($"a direction is not of dimension {d}", nameof(directions));
            projections[j] = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int c = 0; c < d; c++) s += directions[j][c] * points[i][c];
                projections[j][i] = s;
            }
        }

        var power = new double[radii.Count];
        Parallel.For(0, radii.Count, s =>
        {
            double sum = 0;
            foreach (var p in projections)
            {
                double re = 0, im = 0;
                for (int i = 0; i < n; i++)
                {
                    var (sin, cos) = Math.SinCos(radii[s] * p[i]);
                    re += values[i] * cos;
                    im -= values[i] * sin;
                }

                re /= n;
                im /= n;
                sum += re * re + im * im;
            }

            power[s] = sum / projections.Length;
        });
        return power;
    }

    /// <summary>The radius of the largest power (the first one on ties), ignoring r = 0.</summary>
    public static double PeakRadius(IReadOnlyList<double> radii, IReadOnlyList<double> power)
    {
        ArgumentNullException.ThrowIfNull(radii);
        ArgumentNullException.ThrowIfNull(power);
        int best = -1;
        for (int s = 0; s < radii.Count; s++)
        {
            if (radii[s] <= 0) continue;
            if (best < 0 || power[s] > power[best]) best = s;
        }

        return best < 0 ? double.NaN : radii[best];
    }

    /// <summary>
    /// The radius of the first (lowest-radius) local maximum of the shell power that reaches at least
    /// <paramref name="fraction"/> of the largest power (r = 0 ignored; the last shell counts as a maximum when it
    /// exceeds the one before). For parity on the cube this is the theory radius: the radial average also has later
    /// humps, at |k| = √(d + 8m)·π/2 where some k_j are ±3π/2, that can be as high as the first.
    /// </summary>
    public static double FirstPeakRadius(IReadOnlyList<double> radii, IReadOnlyList<double> power, double fraction = 0.5)
    {
        ArgumentNullException.ThrowIfNull(radii);
        ArgumentNullException.ThrowIfNull(power);
        double max = double.NegativeInfinity;
        for (int s = 0; s < radii.Count; s++) if (radii[s] > 0) max = Math.Max(max, power[s]);
        for (int s = 0; s < radii.Count; s++)
        {
            if (radii[s] <= 0 || power[s] < fraction * max) continue;
            bool left = s == 0 || power[s] >= power[s - 1];
            bool right = s == radii.Count - 1 || power[s] >= power[s + 1];
            if (left && right) return radii[s];
        }

        return double.NaN;
    }

    /// <summary>
    /// Relative error per band: √(Σ_{s in band} residualPower_s / Σ_{s in band} targetPower_s), the bands splitting
    /// the shells into <paramref name="bands"/> consecutive groups of (nearly) equal count, lowest radii first.
    /// </summary>
    public static double[] BandErrors(IReadOnlyList<double> residualPower, IReadOnlyList<double> targetPower, int bands)
    {
        ArgumentNullException.ThrowIfNull(residualPower);
        ArgumentNullException.ThrowIfNull(targetPower);
        var result = new double[bands];
        for (int b = 0; b < bands; b++)
        {
            var (lo, hi) = BandShells(targetPower.Count, bands, b);
            double num = 0, den = 0;
            for (int s = lo; s < hi; s++)
            {
                num += residualPower[s];
                den += targetPower[s];
            }

            result[b] = den > 0 ? Math.Sqrt(num / den) : double.NaN;
        }

        return result;
    }

    /// <summary>The shells [start, end) of band <paramref name="band"/> when <paramref name="shells"/> shells are split into <paramref name="bands"/>.</summary>
    public static (int Start, int End) BandShells(int shells, int bands, int band)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bands, shells);
        return ((int)((long)band * shells / bands), (int)((long)(band + 1) * shells / bands));
    }
}
