using System.Globalization;
using FreqScope.Data;
using FreqScope.Spectral;

namespace FreqScope.Models;

/// <summary>
/// A distribution ρ of first-layer frequencies w for random-feature and Fourier-feature models. Frequencies are
/// ANGULAR: radians per unit of x, so a feature is sin(w·x) and w = 2π·(cycles per unit of x).
/// </summary>
/// <remarks>
/// <para>
/// Each of the d components of a frequency vector is drawn independently from the same symmetric 1-D density
/// (<see cref="Density"/>); for d &gt; 1 the Gaussian kind is therefore the isotropic N(0, s²I), the others are products.
/// The characteristic function is real because the density is even: φ(z) = E_w[cos(w z)] = <see cref="CharacteristicCos"/>,
/// and for d components k_ρ(z) = E_w[cos(w·z)] = Π_k φ(z_k) (<see cref="Kernel"/>).
/// </para>
/// <para>
/// Sampling uses only <see cref="SplitMix64"/> (Box–Muller for normals, inverse CDFs otherwise), so the same seed gives
/// the same frequencies on every machine, device and .NET version.
/// </para>
/// </remarks>
public sealed class FrequencyDensity
{
    private readonly double[] _tablePoints;
    private readonly double[] _tableValues;
    private readonly double[] _tableCumulative; // ∫_{x_0}^{x_i} f, unnormalised
    private readonly double _tableArea;

    private FrequencyDensity(FrequencyDensityKind kind, double scale, double power, double[] points, double[] values)
    {
        Kind = kind;
        Scale = scale;
        Power = power;
        _tablePoints = points;
        _tableValues = values;
        _tableCumulative = new double[points.Length];
        for (var i = 1; i < points.Length; i++)
        {
            _tableCumulative[i] = _tableCumulative[i - 1] + 0.5 * (values[i - 1] + values[i]) * (points[i] - points[i - 1]);
        }

        _tableArea = points.Length > 0 ? _tableCumulative[^1] : 0;
    }

    /// <summary>Which family this is.</summary>
    public FrequencyDensityKind Kind { get; }

    /// <summary>
    /// The scale parameter in rad per unit of x: s (Gaussian standard deviation), K (the cut-off of Uniform and
    /// Increasing), b (Laplace scale), or the largest table point (Table).
    /// </summary>
    public double Scale { get; }

    /// <summary>The exponent p of <see cref="FrequencyDensityKind.Increasing"/>; 0 for the other kinds.</summary>
    public double Power { get; }

    /// <summary>The table's grid points |w| (rad per unit of x), ascending; empty unless <see cref="Kind"/> is Table.</summary>
    public IReadOnlyList<double> TablePoints => _tablePoints;

    /// <summary>The table's (unnormalised) density values at <see cref="TablePoints"/>; empty unless Table.</summary>
    public IReadOnlyList<double> TableWeights => _tableValues;

    /// <summary>
    /// Variance E[w²] of one component, in (rad per unit of x)²: s², K²/3, 2b², (p+1)K²/(p+3), or the table's exact
    /// second moment ∫ w² ρ(w) dw.
    /// </summary>
    public double Variance => Kind switch
    {
        FrequencyDensityKind.Gaussian => Scale * Scale,
        FrequencyDensityKind.Uniform => Scale * Scale / 3,
        FrequencyDensityKind.Laplace => 2 * Scale * Scale,
        FrequencyDensityKind.Increasing => (Power + 1) * Scale * Scale / (Power + 3),
        _ => TableSecondMoment(),
    };

    /// <summary>w ~ N(0, s²) per component; s &gt; 0 in rad per unit of x.</summary>
    /// <exception cref="ArgumentException">s is not finite and positive.</exception>
    public static FrequencyDensity Gaussian(double scale)
    {
        RequirePositive(scale, nameof(scale), "Gaussian scale s");
        return new FrequencyDensity(FrequencyDensityKind.Gaussian, scale, 0, [], []);
    }

    /// <summary>w ~ U[−K, K] per component; K &gt; 0 in rad per unit of x.</summary>
    /// <exception cref="ArgumentException">K is not finite and positive.</exception>
    public static FrequencyDensity Uniform(double cutoff)
    {
        RequirePositive(cutoff, nameof(cutoff), "uniform cut-off K");
        return new FrequencyDensity(FrequencyDensityKind.Uniform, cutoff, 0, [], []);
    }

    /// <summary>Laplace density e^{−|w|/b}/(2b) per component; b &gt; 0 in rad per unit of x.</summary>
    /// <exception cref="ArgumentException">b is not finite and positive.</exception>
    public static FrequencyDensity Laplace(double scale)
    {
        RequirePositive(scale, nameof(scale), "Laplace scale b");
        return new FrequencyDensity(FrequencyDensityKind.Laplace, scale, 0, [], []);
    }

    /// <summary>
    /// Density (p+1)|w|^p / (2K^{p+1}) on [−K, K] per component: weight grows towards the cut-off K (rad per unit of x).
    /// </summary>
    /// <param name="cutoff">K &gt; 0.</param>
    /// <param name="power">p &gt; 0 (p = 0 would be <see cref="Uniform"/>).</param>
    /// <exception cref="ArgumentException">K or p is not finite and positive.</exception>
    public static FrequencyDensity Increasing(double cutoff, double power)
    {
        RequirePositive(cutoff, nameof(cutoff), "increasing-density cut-off K");
        RequirePositive(power, nameof(power), "increasing-density power p");
        return new FrequencyDensity(FrequencyDensityKind.Increasing, cutoff, power, [], []);
    }

    /// <summary>
    /// A symmetric density given by a table: f(|w|) is the piecewise-linear interpolation of (points[i], weights[i]),
    /// zero outside [points[0], points[^1]], and ρ(w) = f(|w|) / (2∫f) so that it integrates to 1 over the real line.
    /// Points are |w| in rad per unit of x.
    /// </summary>
    /// <param name="points">At least 2 finite grid points, ≥ 0 and strictly increasing.</param>
    /// <param name="weights">One finite value ≥ 0 per point (any overall scale), not all zero.</param>
    /// <exception cref="ArgumentException">The table breaks one of these rules; the message names the offending entry.</exception>
    public static FrequencyDensity Table(IReadOnlyList<double> points, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(weights);
        if (points.Count < 2)
        {
            throw new ArgumentException($"A frequency table needs at least 2 points; got {points.Count}.", nameof(points));
        }

        if (weights.Count != points.Count)
        {
            throw new ArgumentException($"A frequency table needs one weight per point: {points.Count} points but {weights.Count} weights.", nameof(weights));
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (!double.IsFinite(points[i]) || points[i] < 0)
            {
                throw new ArgumentException($"Frequency table point {i} is {Format(points[i])}; points must be finite and ≥ 0 (they are |w|).", nameof(points));
            }

            if (i > 0 && !(points[i] > points[i - 1]))
            {
                throw new ArgumentException($"Frequency table point {i} ({Format(points[i])}) is not greater than point {i - 1} ({Format(points[i - 1])}); points must increase strictly.", nameof(points));
            }

            if (!double.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new ArgumentException($"Frequency table weight {i} is {Format(weights[i])}; weights must be finite and ≥ 0.", nameof(weights));
            }
        }

        var density = new FrequencyDensity(FrequencyDensityKind.Table, points[^1], 0, [.. points], [.. weights]);
        if (!(density._tableArea > 0))
        {
            throw new ArgumentException("The frequency table has zero area (every segment has zero weight at both ends).", nameof(weights));
        }

        return density;
    }

    /// <summary>
    /// <paramref name="count"/> frequency vectors of <paramref name="dimension"/> i.i.d. components, row-major
    /// count×dimension (<c>w[i·d + k]</c>), in rad per unit of x. Deterministic given the generator's state; advances it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0 or dimension &lt; 1.</exception>
    public double[] Sample(int count, int dimension, SplitMix64 random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(random);
        var total = checked(count * dimension);
        if (Kind == FrequencyDensityKind.Gaussian)
        {
            return NormalDraws.Draw(total, random, Scale);
        }

        var w = new double[total];
        for (var i = 0; i < total; i++)
        {
            w[i] = SampleOne(random);
        }

        return w;
    }

    /// <summary>
    /// <paramref name="count"/> stratified 1-D frequencies: the quantiles w_j = F⁻¹((j + ½)/count), j = 0 … count − 1,
    /// ascending, of the symmetric distribution F (rad per unit of x). Deterministic, and without the sampling noise of
    /// <see cref="Sample"/>: averages over them approximate integrals against ρ far better than random draws do, which
    /// is what a comparison of a finite network with its infinite-width theory needs. The Gaussian's inverse CDF is
    /// Acklam's rational approximation (relative error below 1.2·10⁻⁹).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1.</exception>
    public double[] Quantiles(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var w = new double[count];
        for (var j = 0; j < count; j++)
        {
            var u = (j + 0.5) / count;
            var q = Math.Abs(2 * u - 1); // the quantile of |w|
            var magnitude = Kind switch
            {
                FrequencyDensityKind.Gaussian => Scale * InverseNormal((1 + q) / 2),
                FrequencyDensityKind.Uniform => Scale * q,
                FrequencyDensityKind.Laplace => -Scale * Math.Log(1 - q),
                FrequencyDensityKind.Increasing => Scale * Math.Pow(q, 1 / (Power + 1)),
                _ => TableInverseCdf(q * _tableArea),
            };
            w[j] = u < 0.5 ? -magnitude : magnitude;
        }

        return w;
    }

    /// <summary>Φ⁻¹(p) for p in (0, 1): P. J. Acklam's rational approximation.</summary>
    private static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s2 = r * r;
        return (((((a[0] * s2 + a[1]) * s2 + a[2]) * s2 + a[3]) * s2 + a[4]) * s2 + a[5]) * r / (((((b[0] * s2 + b[1]) * s2 + b[2]) * s2 + b[3]) * s2 + b[4]) * s2 + 1);
    }

    /// <summary>The 1-D density ρ(w) of one component (per rad per unit of x); integrates to 1 over the real line.</summary>
    public double Density(double w)
    {
        var a = Math.Abs(w);
        switch (Kind)
        {
            case FrequencyDensityKind.Gaussian:
                return Math.Exp(-0.5 * (w / Scale) * (w / Scale)) / (Scale * Math.Sqrt(2 * Math.PI));
            case FrequencyDensityKind.Uniform:
                return a <= Scale ? 0.5 / Scale : 0;
            case FrequencyDensityKind.Laplace:
                return Math.Exp(-a / Scale) / (2 * Scale);
            case FrequencyDensityKind.Increasing:
                return a <= Scale ? (Power + 1) / (2 * Scale) * Math.Pow(a / Scale, Power) : 0;
            default:
                return TableValue(a) / (2 * _tableArea);
        }
    }

    /// <summary>
    /// φ(z) = E_w[cos(w z)] for one component, z in units of x (so w z is in radians): exp(−s²z²/2) (Gaussian),
    /// sin(Kz)/(Kz) (Uniform, 1 at z = 0), 1/(1 + b²z²) (Laplace), (p+1)∫₀¹ t^p cos(Kz t) dt (Increasing: a power series
    /// near t = 0 and 10-point Gauss–Legendre panels beyond, about 5·K|z| + 10 evaluations, relative error ~1e-13), or the
    /// exact integral of cos against the piecewise-linear table (Table). φ(0) = 1 and φ is even.
    /// </summary>
    public double CharacteristicCos(double z)
    {
        switch (Kind)
        {
            case FrequencyDensityKind.Gaussian:
                return Math.Exp(-0.5 * Scale * Scale * z * z);
            case FrequencyDensityKind.Uniform:
                return Sinc(Scale * z);
            case FrequencyDensityKind.Laplace:
                return 1 / (1 + Scale * Scale * z * z);
            case FrequencyDensityKind.Increasing:
                return (Power + 1) * PowerCosIntegral(Power, Scale * Math.Abs(z));
            default:
                return TableCos(Math.Abs(z));
        }
    }

    /// <summary>
    /// k_ρ(z) = E_w[cos(w·z)] = Π_k φ(z_k) for frequency vectors of independent components (<see cref="Sample"/>),
    /// z in units of x. This is the kernel of random Fourier features with frequencies from this density.
    /// </summary>
    public double Kernel(ReadOnlySpan<double> z)
    {
        double product = 1;
        foreach (var zk in z)
        {
            product *= CharacteristicCos(zk);
        }

        return product;
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FrequencyDensityKind.Gaussian => $"Gaussian(s = {Format(Scale)})",
        FrequencyDensityKind.Uniform => $"Uniform(K = {Format(Scale)})",
        FrequencyDensityKind.Laplace => $"Laplace(b = {Format(Scale)})",
        FrequencyDensityKind.Increasing => $"Increasing(K = {Format(Scale)}, p = {Format(Power)})",
        _ => $"Table({_tablePoints.Length} points on [{Format(_tablePoints[0])}, {Format(Scale)}])",
    };

    private double SampleOne(SplitMix64 random)
    {
        switch (Kind)
        {
            case FrequencyDensityKind.Uniform:
                return Scale * (2 * random.NextDouble() - 1);
            case FrequencyDensityKind.Laplace:
                {
                    var magnitude = -Scale * Math.Log(1.0 - random.NextDouble()); // Exp(1/b): 1 − u in (0, 1]
                    return random.NextDouble() < 0.5 ? -magnitude : magnitude;
                }

            case FrequencyDensityKind.Increasing:
                {
                    // P(|w| ≤ r) = (r/K)^{p+1}.
                    var magnitude = Scale * Math.Pow(1.0 - random.NextDouble(), 1 / (Power + 1));
                    return random.NextDouble() < 0.5 ? -magnitude : magnitude;
                }

            default:
                {
                    var magnitude = TableInverseCdf(random.NextDouble() * _tableArea);
                    return random.NextDouble() < 0.5 ? -magnitude : magnitude;
                }
        }
    }

    /// <summary>The |w| at which the unnormalised table area from points[0] reaches <paramref name="target"/>.</summary>
    private double TableInverseCdf(double target)
    {
        var segment = Array.BinarySearch(_tableCumulative, target);
        segment = segment >= 0 ? segment : ~segment - 1;
        segment = Math.Clamp(segment, 0, _tablePoints.Length - 2);
        // Skip zero-area segments so the draw never lands where the density is zero.
        while (segment < _tablePoints.Length - 2 && _tableCumulative[segment + 1] <= target)
        {
            segment++;
        }

        var x0 = _tablePoints[segment];
        var width = _tablePoints[segment + 1] - x0;
        var v0 = _tableValues[segment];
        var slope = (_tableValues[segment + 1] - v0) / width;
        var r = Math.Max(0, target - _tableCumulative[segment]);
        // Solve v0·t + slope·t²/2 = r for t ∈ [0, width] in the cancellation-free form.
        var denominator = v0 + Math.Sqrt(Math.Max(0, v0 * v0 + 2 * slope * r));
        var t = denominator > 0 ? 2 * r / denominator : 0;
        return x0 + Math.Clamp(t, 0, width);
    }

    private double TableValue(double a)
    {
        if (a < _tablePoints[0] || a > _tablePoints[^1])
        {
            return 0;
        }

        var i = Array.BinarySearch(_tablePoints, a);
        if (i >= 0)
        {
            return _tableValues[i];
        }

        i = ~i - 1;
        var fraction = (a - _tablePoints[i]) / (_tablePoints[i + 1] - _tablePoints[i]);
        return _tableValues[i] + fraction * (_tableValues[i + 1] - _tableValues[i]);
    }

    private double TableSecondMoment()
    {
        double sum = 0;
        for (var i = 0; i + 1 < _tablePoints.Length; i++)
        {
            double x0 = _tablePoints[i], x1 = _tablePoints[i + 1], v0 = _tableValues[i], v1 = _tableValues[i + 1];
            sum += (x1 - x0) / 12 * (v0 * (3 * x0 * x0 + 2 * x0 * x1 + x1 * x1) + v1 * (x0 * x0 + 2 * x0 * x1 + 3 * x1 * x1));
        }

        return sum / _tableArea;
    }

    /// <summary>(1/A)∫ f(x) cos(z x) dx over the table, segment by segment about each midpoint.</summary>
    private double TableCos(double z)
    {
        double sum = 0;
        for (var i = 0; i + 1 < _tablePoints.Length; i++)
        {
            var half = 0.5 * (_tablePoints[i + 1] - _tablePoints[i]);
            var centre = 0.5 * (_tablePoints[i + 1] + _tablePoints[i]);
            var mean = 0.5 * (_tableValues[i + 1] + _tableValues[i]);
            var slope = (_tableValues[i + 1] - _tableValues[i]) / (2 * half);
            var (sin, cos) = Math.SinCos(z * centre);
            // ∫_{−h}^{h} (m + s u) cos(z(c + u)) du = 2h [m cos(zc) sinc(zh) − s h sin(zc) g(zh)], g(y) = (sin y − y cos y)/y².
            sum += 2 * half * (mean * cos * Sinc(z * half) - slope * half * sin * SinMinusYCosOverYSquared(z * half));
        }

        return sum / _tableArea;
    }

    private static double Sinc(double y)
    {
        if (Math.Abs(y) < 1e-4)
        {
            return 1 - y * y / 6;
        }

        return Math.Sin(y) / y;
    }

    /// <summary>(sin y − y cos y)/y², by its series Σ_{k≥1} (−1)^{k+1} 2k y^{2k−1}/(2k+1)! for small |y|.</summary>
    private static double SinMinusYCosOverYSquared(double y)
    {
        if (Math.Abs(y) >= 0.5)
        {
            return (Math.Sin(y) - y * Math.Cos(y)) / (y * y);
        }

        double sum = 0, power = y, factorial = 6; // y^{2k−1}, (2k+1)!
        for (var k = 1; k <= 10; k++)
        {
            sum += (k % 2 == 1 ? 1 : -1) * 2 * k * power / factorial;
            power *= y * y;
            factorial *= (2 * k + 2) * (2 * k + 3);
        }

        return sum;
    }

    /// <summary>∫₀¹ t^p cos(a t) dt for a ≥ 0, p &gt; 0.</summary>
    private static double PowerCosIntegral(double p, double a)
    {
        if (a <= 2)
        {
            return PowerCosSeries(p, a, 1);
        }

        // [0, h] by the series (a·h = 1), [h, 1] by Gauss–Legendre panels no wider than 2/a (two radians of cos) and
        // no wider than half their distance from 0 (t^p is analytic there).
        var h = 1 / a;
        var sum = PowerCosSeries(p, a, h);
        var (nodes, weights) = GaussLegendre.TenPoint;
        var start = h;
        while (start < 1)
        {
            var end = Math.Min(1, start + Math.Min(2 / a, 0.5 * start));
            var half = 0.5 * (end - start);
            var mid = 0.5 * (end + start);
            double panel = 0;
            for (var i = 0; i < nodes.Length; i++)
            {
                var t = mid + half * nodes[i];
                panel += weights[i] * Math.Pow(t, p) * Math.Cos(a * t);
            }

            sum += half * panel;
            start = end;
        }

        return sum;
    }

    /// <summary>∫₀^h t^p cos(a t) dt = Σ_n (−1)^n a^{2n} h^{2n+p+1} / ((2n)! (2n+p+1)), for a·h ≤ 2.</summary>
    private static double PowerCosSeries(double p, double a, double h)
    {
        var y2 = (a * h) * (a * h);
        double sum = 0, term = 1; // (−1)^n (ah)^{2n}/(2n)!
        for (var n = 0; n < 60; n++)
        {
            var contribution = term / (2 * n + p + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-18 * Math.Abs(sum))
            {
                break;
            }

            term *= -y2 / ((2 * n + 1) * (2 * n + 2));
        }

        return sum * Math.Pow(h, p + 1);
    }

    private static void RequirePositive(double value, string parameterName, string description)
    {
        if (!double.IsFinite(value) || !(value > 0))
        {
            throw new ArgumentException($"The {description} must be finite and > 0; got {Format(value)}.", parameterName);
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
