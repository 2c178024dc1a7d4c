using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Spectral;

namespace FreqScope.Tests.Models;

public sealed class FrequencyDensityTests
{
    private const int SampleCount = 200_000;

    private static readonly double[] TableAPoints = [0, 1, 2, 4];
    private static readonly double[] TableAWeights = [1, 3, 0.5, 0];
    private static readonly double[] TableBPoints = [0.5, 1.5, 3]; // zero density on (−0.5, 0.5)
    private static readonly double[] TableBWeights = [2, 1, 1];

    public static TheoryData<string> Names => ["gaussian", "uniform", "laplace", "increasing2", "increasingHalf", "tableA", "tableB"];

    private static FrequencyDensity Make(string name) => name switch
    {
        "gaussian" => FrequencyDensity.Gaussian(2.5),
        "uniform" => FrequencyDensity.Uniform(3),
        "laplace" => FrequencyDensity.Laplace(0.7),
        "increasing2" => FrequencyDensity.Increasing(4, 2),
        "increasingHalf" => FrequencyDensity.Increasing(2, 0.5),
        "tableA" => FrequencyDensity.Table(TableAPoints, TableAWeights),
        "tableB" => FrequencyDensity.Table(TableBPoints, TableBWeights),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Breakpoints of the density (kinks and jumps) and a range holding all but ~1e-15 of its mass.</summary>
    private static double[] Breakpoints(string name) => name switch
    {
        "gaussian" => [-2.5 * 12, 0, 2.5 * 12],
        "uniform" => [-3, 0, 3],
        "laplace" => [-0.7 * 40, 0, 0.7 * 40],
        "increasing2" => [-4, 0, 4],
        "increasingHalf" => [-2, 0, 2],
        "tableA" => [-4, -2, -1, 0, 1, 2, 4],
        "tableB" => [-3, -1.5, -0.5, 0.5, 1.5, 3],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The analytic variance from the spec's formulas (the table's by quadrature of its density).</summary>
    private static double AnalyticVariance(string name) => name switch
    {
        "gaussian" => 2.5 * 2.5,
        "uniform" => 3.0 * 3 / 3,
        "laplace" => 2 * 0.7 * 0.7,
        "increasing2" => 3.0 * 16 / 5,
        "increasingHalf" => 1.5 * 4 / 3.5,
        _ => Integrate(w => w * w * Make(name).Density(w), Breakpoints(name)),
    };

    /// <summary>
    /// Composite Simpson on each interval between consecutive breakpoints, after the substitution
    /// x = a + (b − a)(3t² − 2t³), which flattens endpoint kinks, jumps and |w|^p cusps (the integrand vanishes at t = 0, 1).
    /// </summary>
    private static double Integrate(Func<double, double> f, double[] breakpoints, int panels = 20_000)
    {
        double total = 0;
        for (var i = 0; i + 1 < breakpoints.Length; i++)
        {
            double a = breakpoints[i], b = breakpoints[i + 1], h = 1.0 / (2 * panels);
            double sum = 0;
            for (var k = 1; k < 2 * panels; k++)
            {
                var t = k * h;
                sum += (k % 2 == 1 ? 4 : 2) * f(a + (b - a) * t * t * (3 - 2 * t)) * (b - a) * 6 * t * (1 - t);
            }

            total += sum * h / 3;
        }

        return total;
    }

    private static double[] Draw(FrequencyDensity density, long seed) => density.Sample(SampleCount, 1, new SplitMix64(seed));

    [Theory]
    [MemberData(nameof(Names))]
    public void SamplesHaveMeanZeroAndTheAnalyticVariance(string name)
    {
        var density = Make(name);
        var w = Draw(density, 11);
        var variance = AnalyticVariance(name);
        double mean = w.Average();
        double secondMoment = w.Select(v => v * v).Average();
        double fourthMoment = w.Select(v => v * v * v * v).Average();
        // Five standard errors: √(Var/n) for the mean, √((E w⁴ − (E w²)²)/n) for the second moment.
        Assert.True(Math.Abs(mean) < 5 * Math.Sqrt(variance / SampleCount), $"{name}: mean {mean}");
        var tolerance = 5 * Math.Sqrt((fourthMoment - secondMoment * secondMoment) / SampleCount);
        Assert.True(Math.Abs(secondMoment - variance) < tolerance, $"{name}: E w² = {secondMoment}, expected {variance} ± {tolerance}");
        Assert.Equal(variance, density.Variance, 1e-9 * variance);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EmpiricalCdfMatchesTheIntegralOfTheDensity(string name)
    {
        var density = Make(name);
        var w = Draw(density, 12);
        Array.Sort(w);
        // F(w) on a fine grid by cumulative Simpson between breakpoints, then linear interpolation.
        var breaks = Breakpoints(name);
        var grid = new List<double> { breaks[0] };
        var cdf = new List<double> { 0 };
        for (var i = 0; i + 1 < breaks.Length; i++)
        {
            const int Steps = 4000;
            var h = (breaks[i + 1] - breaks[i]) / Steps;
            for (var k = 0; k < Steps; k++)
            {
                var a = breaks[i] + k * h;
                cdf.Add(cdf[^1] + Integrate(density.Density, [a, a + h], 8));
                grid.Add(a + h);
            }
        }

        Assert.Equal(1, cdf[^1], 1e-6);
        double maxGap = 0;
        var j = 0;
        for (var i = 0; i < w.Length; i++)
        {
            while (j + 2 < grid.Count && grid[j + 1] < w[i]) j++;
            var t = Math.Clamp((w[i] - grid[j]) / (grid[j + 1] - grid[j]), 0, 1);
            var f = cdf[j] + t * (cdf[j + 1] - cdf[j]);
            maxGap = Math.Max(maxGap, Math.Max(Math.Abs((i + 1.0) / w.Length - f), Math.Abs((double)i / w.Length - f)));
        }

        // Kolmogorov–Smirnov: P(√n·D > 1.63) ≈ 1% for a correct sampler.
        Assert.True(maxGap * Math.Sqrt(w.Length) < 1.63, $"{name}: KS statistic √n·D = {maxGap * Math.Sqrt(w.Length)}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SampleMeanOfCosineMatchesTheCharacteristicFunction(string name)
    {
        var density = Make(name);
        var w = Draw(density, 13);
        foreach (var z in new[] { 0.05, 0.2, 0.5, 1.0, 2.5 })
        {
            var empirical = w.Select(v => Math.Cos(v * z)).Average();
            // |cos| ≤ 1, so five standard errors are at most 5/√n.
            Assert.True(Math.Abs(empirical - density.CharacteristicCos(z)) < 5 / Math.Sqrt(SampleCount), $"{name} z = {z}: {empirical} vs {density.CharacteristicCos(z)}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SamplingIsDeterministicPerSeedAndRowMajor(string name)
    {
        var density = Make(name);
        var a = density.Sample(100, 3, new SplitMix64(5));
        var b = density.Sample(100, 3, new SplitMix64(5));
        var c = density.Sample(100, 3, new SplitMix64(6));
        Assert.Equal(300, a.Length);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // One generator drawn from twice continues the sequence.
        var rng = new SplitMix64(5);
        var first = density.Sample(50, 3, rng);
        var second = density.Sample(50, 3, rng);
        Assert.Equal(a, first.Concat(second).ToArray()); // 150 values per call: Box–Muller pairs do not straddle calls
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DensityIntegratesToOneAndCharacteristicFunctionIsItsCosineTransform(string name)
    {
        var density = Make(name);
        var breaks = Breakpoints(name);
        Assert.Equal(1, Integrate(density.Density, breaks), 1e-8);
        Assert.Equal(1, density.CharacteristicCos(0), 1e-15);
        foreach (var z in new[] { 1e-3, 0.3, 1.0, 1.7, 4.0, 9.0 })
        {
            var quadrature = Integrate(w => density.Density(w) * Math.Cos(w * z), breaks, 100_000);
            Assert.True(Math.Abs(quadrature - density.CharacteristicCos(z)) < 1e-7, $"{name} z = {z}: quadrature {quadrature} vs {density.CharacteristicCos(z)}");
            Assert.Equal(density.CharacteristicCos(z), density.CharacteristicCos(-z), 1e-15);
        }
    }

    [Fact]
    public void IncreasingCharacteristicFunctionMatchesClosedFormsForIntegerPowers()
    {
        // p = 1: 2∫₀¹ t cos(at) dt = 2[sin a/a + (cos a − 1)/a²]; p = 2: 3[(a² − 2) sin a/a³ + 2 cos a/a²].
        var k = 3.0;
        var one = FrequencyDensity.Increasing(k, 1);
        var two = FrequencyDensity.Increasing(k, 2);
        foreach (var z in new[] { 0.01, 0.4, 0.7, 2.0, 13.0, 101.0, 1234.5 })
        {
            var a = k * z;
            var p1 = 2 * (Math.Sin(a) / a + (Math.Cos(a) - 1) / (a * a));
            var p2 = 3 * ((a * a - 2) * Math.Sin(a) / (a * a * a) + 2 * Math.Cos(a) / (a * a));
            Assert.True(Math.Abs(one.CharacteristicCos(z) - p1) < 1e-12, $"p = 1, z = {z}: {one.CharacteristicCos(z)} vs {p1}");
            Assert.True(Math.Abs(two.CharacteristicCos(z) - p2) < 1e-12, $"p = 2, z = {z}: {two.CharacteristicCos(z)} vs {p2}");
        }
    }

    [Fact]
    public void ClosedFormsOfTheOtherKindsAtKnownPoints()
    {
        Assert.Equal(Math.Exp(-0.5 * 4 * 0.49), FrequencyDensity.Gaussian(2).CharacteristicCos(0.7), 1e-15);
        Assert.Equal(Math.Sin(2.1) / 2.1, FrequencyDensity.Uniform(3).CharacteristicCos(0.7), 1e-15);
        Assert.Equal(1 / (1 + 0.25 * 0.49), FrequencyDensity.Laplace(0.5).CharacteristicCos(0.7), 1e-15);
        // A one-segment flat table is the uniform density.
        var flat = FrequencyDensity.Table([0, 3], [2, 2]);
        foreach (var z in new[] { 0.0, 1e-6, 0.3, 2.0, 50.0 })
        {
            Assert.Equal(FrequencyDensity.Uniform(3).CharacteristicCos(z), flat.CharacteristicCos(z), 1e-14);
        }

        Assert.Equal(1.0 / 6, flat.Density(-2.9), 1e-15);
        Assert.Equal(0, flat.Density(3.1));
    }

    [Fact]
    public void KernelIsTheProductOverComponents()
    {
        var density = FrequencyDensity.Laplace(0.8);
        double[] z = [0.3, -1.2, 2];
        Assert.Equal(z.Select(density.CharacteristicCos).Aggregate(1.0, (a, b) => a * b), density.Kernel(z), 1e-15);
        // Independent check on samples: E cos(w·z) over 3-component vectors.
        var w = density.Sample(100_000, 3, new SplitMix64(3));
        double sum = 0;
        for (var i = 0; i < 100_000; i++) sum += Math.Cos(w[3 * i] * z[0] + w[3 * i + 1] * z[1] + w[3 * i + 2] * z[2]);
        Assert.Equal(density.Kernel(z), sum / 100_000, 5 / Math.Sqrt(100_000));
    }

    [Fact]
    public void InvalidParametersAreRejectedWithTheValueInTheMessage()
    {
        Assert.Contains("-1", Assert.Throws<ArgumentException>(() => FrequencyDensity.Gaussian(-1)).Message);
        Assert.Contains("0", Assert.Throws<ArgumentException>(() => FrequencyDensity.Uniform(0)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => FrequencyDensity.Laplace(double.NaN)).Message);
        Assert.Contains("power p", Assert.Throws<ArgumentException>(() => FrequencyDensity.Increasing(2, 0)).Message);
        Assert.Contains("cut-off K", Assert.Throws<ArgumentException>(() => FrequencyDensity.Increasing(double.PositiveInfinity, 1)).Message);
        Assert.Contains("-0.5", Assert.Throws<ArgumentException>(() => FrequencyDensity.Table([-0.5, 1], [1, 1])).Message);
        Assert.Contains("point 2", Assert.Throws<ArgumentException>(() => FrequencyDensity.Table([0, 1, 1], [1, 1, 1])).Message);
        Assert.Contains("weight 1", Assert.Throws<ArgumentException>(() => FrequencyDensity.Table([0, 1], [1, -2])).Message);
        Assert.Contains("zero area", Assert.Throws<ArgumentException>(() => FrequencyDensity.Table([0, 1], [0, 0])).Message);
        Assert.Contains("2 points", Assert.Throws<ArgumentException>(() => FrequencyDensity.Table([1], [1])).Message);
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() => FrequencyDensity.Table([0, 1], [1])).Message);
    }
}
