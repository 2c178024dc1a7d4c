using FreqScope.Core;
using FreqScope.Theory;
using FreqScope.Spectral;

namespace FreqScope.Tests.Theory;

public sealed class ActivationSpectrumTests
{
    /// <summary>|∫ g(x) e^{−2πiξx} dx| by composite Simpson on [−a, a] (g integrable and negligible beyond a).</summary>
    private static double Ft(Func<double, double> g, double xi, double a = 40, int n = 200_000)
    {
        double h = 2 * a / n, re = 0, im = 0;
        for (int i = 0; i <= n; i++)
        {
            double x = -a + i * h;
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            double v = g(x) * w;
            re += v * Math.Cos(2 * Math.PI * xi * x);
            im -= v * Math.Sin(2 * Math.PI * xi * x);
        }

        return Math.Sqrt(re * re + im * im) * h / 3;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Phi(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);

    public static TheoryData<double> Frequencies() => new(0.05, 0.1, 0.2, 0.35);

    [Theory]
    [MemberData(nameof(Frequencies))]
    public void SmoothActivationsMatchTheNumericalTransformOfAnIntegrableDerivative(double xi)
    {
        double twoPiXi = 2 * Math.PI * xi;
        // σ′ is integrable for tanh and sigmoid; σ″ for softplus and GELU. FT[σ^(n)] = (2πiξ)^n σ̂.
        static double Sech2(double x) => 1 / (Math.Cosh(x) * Math.Cosh(x));
        Assert.Equal(Ft(Sech2, xi), twoPiXi * ActivationSpectrum.Magnitude(Activation.Tanh, xi), 1e-8);
        Assert.Equal(Ft(x => Sigmoid(x) * (1 - Sigmoid(x)), xi), twoPiXi * ActivationSpectrum.Magnitude(Activation.Sigmoid, xi), 1e-8);
        Assert.Equal(Ft(x => Sigmoid(x) * (1 - Sigmoid(x)), xi), twoPiXi * twoPiXi * ActivationSpectrum.Magnitude(Activation.Softplus, xi), 1e-8);
        Assert.Equal(Ft(x => 2 * Phi(x) - x * x * Phi(x), xi), twoPiXi * twoPiXi * ActivationSpectrum.Magnitude(Activation.Gelu, xi), 1e-8);
    }

    [Theory]
    [MemberData(nameof(Frequencies))]
    public void ReluMatchesTheTransformOfTheTriangleBuiltFromThreeRelus(double xi)
    {
        // relu(x + 1) − 2 relu(x) + relu(x − 1) is the unit triangle, whose transform is sinc²; by linearity it is
        // relu's transform times (e^{2πiξ} − 2 + e^{−2πiξ}) = 2 cos(2πξ) − 2.
        static double Relu(double x) => Math.Max(0, x);
        double triangle = Ft(x => Relu(x + 1) - 2 * Relu(x) + Relu(x - 1), xi, a: 2, n: 40_000);
        Assert.Equal(triangle, ActivationSpectrum.Magnitude(Activation.Relu, xi) * Math.Abs(2 * Math.Cos(2 * Math.PI * xi) - 2), 1e-8);
        Assert.Equal(0.99 * ActivationSpectrum.Magnitude(Activation.Relu, xi), ActivationSpectrum.Magnitude(Activation.LeakyRelu, xi), 14);
    }

    [Fact]
    public void ATanhNeuronDecaysLikeExpOfMinusPiKOverTwoW()
    {
        foreach (double w in new[] { 0.5, 2.0, -3.0 })
            foreach (double k in new[] { 20.0, 40.0 })
            {
                double asymptote = 2 * Math.PI / Math.Abs(w) * Math.Exp(-Math.PI * k / (2 * Math.Abs(w)));
                Assert.Equal(1.0, ActivationSpectrum.Neuron(Activation.Tanh, w, k) / asymptote, 6);
            }
    }

    [Fact]
    public void ReluPriorityIsTheWeightVarianceOverKToTheFourth()
    {
        foreach (double s in new[] { 0.5, 2.0 })
            foreach (double k in new[] { 1.0, 3.0, 10.0 })
                Assert.Equal(1.0, ActivationSpectrum.Priority(Activation.Relu, k, s) / (s * s / Math.Pow(k, 4)), 8);
    }

    [Fact]
    public void TanhPriorityMatchesMonteCarloAndFallsWithFrequency()
    {
        var random = new FreqScope.Spectral.SplitMix64(7);
        const double s = 3;
        var w = Enumerable.Range(0, 400_000).Select(_ =>
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            return s * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }).ToArray();
        double previous = double.PositiveInfinity;
        foreach (double k in new[] { 1.0, 3.0, 5.0, 10.0 })
        {
            double p = ActivationSpectrum.Priority(Activation.Tanh, k, s);
            double mc = w.Average(x => Math.Pow(ActivationSpectrum.Neuron(Activation.Tanh, x, k), 2));
            Assert.True(Math.Abs(p / mc - 1) < 0.03, $"k = {k}: quadrature {p}, Monte Carlo {mc}");
            Assert.True(p < previous, $"k = {k}: priority {p} did not fall");
            previous = p;
        }
    }

    public static TheoryData<Activation> SpectralActivations() =>
        new(Activation.Tanh, Activation.Sigmoid, Activation.Softplus, Activation.Relu, Activation.LeakyRelu, Activation.Gelu);

    [Theory]
    [MemberData(nameof(SpectralActivations))]
    public void LogMagnitudeIsTheLogOfMagnitudeAndStaysFiniteWhereMagnitudeUnderflows(Activation activation)
    {
        foreach (double xi in new[] { 0.01, 0.3, -2.0, 4.0 })
            Assert.Equal(Math.Log(ActivationSpectrum.Magnitude(activation, xi)), ActivationSpectrum.LogMagnitude(activation, xi), 9);
        double far = ActivationSpectrum.LogMagnitude(activation, 400);
        Assert.True(double.IsFinite(far) && far < Math.Log(ActivationSpectrum.Magnitude(activation, 4.0)), $"ln|σ̂(400)| = {far}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void UniformReluPriorityIsBSquaredOverThreeKToTheFourth(double b)
    {
        // Neuron(w, k) = |σ̂(k/2πw)|/|w| = (4π²w²/(4π²k²))/|w| = |w|/k², so E over U(−b, b) of w²/k⁴ is b²/(3k⁴).
        foreach (double k in new[] { 1.0, 3.0, 10.0 })
        {
            Assert.Equal(1.0, ActivationSpectrum.Priority(Activation.Relu, k, FirstLayerWeights.Uniform(b)) / (b * b / (3 * Math.Pow(k, 4))), 8);
            Assert.Equal(1.0, ActivationSpectrum.Priority(Activation.LeakyRelu, k, FirstLayerWeights.Uniform(b)) / (0.99 * 0.99 * b * b / (3 * Math.Pow(k, 4))), 8);
        }
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.Gelu)]
    public void UniformPriorityMatchesAnIndependentMidpointIntegration(Activation activation)
    {
        // (1/2b) ∫_{−b}^{b} Neuron(w, k)² dw by the midpoint rule on Neuron itself (not the log-space route).
        const double b = 1.5;
        const int n = 400_000;
        foreach (double k in new[] { 0.5, 2.0, 6.0 })
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double w = (i + 0.5) * b / n;
                double v = ActivationSpectrum.Neuron(activation, w, k);
                sum += v * v;
            }

            double midpoint = sum / n;
            double p = ActivationSpectrum.Priority(activation, k, FirstLayerWeights.Uniform(b));
            Assert.True(Math.Abs(p / midpoint - 1) < 1e-6, $"{activation}, k = {k}: Simpson {p}, midpoint {midpoint}");
        }
    }

    [Fact]
    public void TanhPriorityFallsStrictlyWithFrequencyForBothDistributions()
    {
        foreach (FirstLayerWeights weights in new[] { FirstLayerWeights.Uniform(1), FirstLayerWeights.Normal(0.0707), FirstLayerWeights.Normal(3) })
        {
            double previous = double.PositiveInfinity;
            for (double k = 0.5; k <= 20; k += 0.5)
            {
                double logP = ActivationSpectrum.LogPriority(Activation.Tanh, k, weights);
                Assert.True(logP < previous, $"{weights}, k = {k}: ln P = {logP} did not fall (previous {previous})");
                previous = logP;
            }
        }
    }

    [Fact]
    public void NormalLogPriorityFollowsTheIntegrandPeakBeyondTwelveSigma()
    {
        // For tanh, ln Neuron² ≈ ln(4π²/w²) − πk/w; with the Gaussian the integrand peaks near w ≈ (πkσ²)^{1/3}, which for
        // k = 200, σ = 0.1 is 18σ. An independent log-space midpoint sum over (0, 60σ] of the asymptotic form must agree.
        const double s = 0.1, k = 200;
        const int n = 2_000_000;
        double upper = 60 * s, h = upper / n, max = double.NegativeInfinity;
        double[] logs = new double[n];
        for (int i = 0; i < n; i++)
        {
            double w = (i + 0.5) * h;
            logs[i] = Math.Log(4 * Math.PI * Math.PI / (w * w)) - (Math.PI * k / w) - (w * w / (2 * s * s)) - Math.Log(s * Math.Sqrt(2 * Math.PI)) + Math.Log(2);
            max = Math.Max(max, logs[i]);
        }

        double expected = max + Math.Log(logs.Sum(l => Math.Exp(l - max)) * h);
        double logP = ActivationSpectrum.LogPriority(Activation.Tanh, k, FirstLayerWeights.Normal(s));
        Assert.Equal(expected, logP, 4);
        Assert.Equal(1.0, ActivationSpectrum.Priority(Activation.Tanh, k, FirstLayerWeights.Normal(s)) / Math.Exp(logP), 12);
        Assert.Equal(0.0, ActivationSpectrum.Priority(Activation.Tanh, 2 * k, FirstLayerWeights.Normal(s / 4))); // underflows: use LogPriority
        Assert.True(double.IsFinite(ActivationSpectrum.LogPriority(Activation.Tanh, 2 * k, FirstLayerWeights.Normal(s / 4))));
    }

    [Fact]
    public void TheGaussianOverloadIsTheNormalDistribution()
    {
        foreach (Activation activation in new[] { Activation.Tanh, Activation.Gelu, Activation.Relu })
            Assert.Equal(ActivationSpectrum.Priority(activation, 2.5, 0.7), ActivationSpectrum.Priority(activation, 2.5, FirstLayerWeights.Normal(0.7)));
    }

    [Fact]
    public void SinHasNoPriorityAndSaysWhy()
    {
        var e = Assert.Throws<NotSupportedException>(() => ActivationSpectrum.Priority(Activation.Sin, 1, FirstLayerWeights.Uniform(1)));
        Assert.Contains("line spectrum", e.Message);
        Assert.False(ActivationSpectrum.HasSpectrum(Activation.Sin));
        Assert.True(ActivationSpectrum.HasSpectrum(Activation.Gelu));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationSpectrum.Magnitude(Activation.Tanh, 0));
        Assert.Throws<NotSupportedException>(() => ActivationSpectrum.Magnitude(Activation.Sin, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationSpectrum.Neuron(Activation.Tanh, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationSpectrum.Priority(Activation.Tanh, 1, 0));
    }
}
