using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Spectral;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class FourierFeatureNetTests
{
    public FourierFeatureNetTests() => NativeLoader.EnsureLoaded();

    private static float[] Inputs(int n, int d, long seed)
    {
        var rng = new SplitMix64(seed);
        return Enumerable.Range(0, n * d).Select(_ => (float)(4 * rng.NextDouble() - 2)).ToArray();
    }

    [Fact]
    public void ForwardEqualsADirectDoublePrecisionEvaluation()
    {
        const int N = 12, D = 2, M = 64;
        using var net = new FourierFeatureNet(D, M, FrequencyDensity.Gaussian(3), sigmaA: 0.8, seed: 4, outputBias: true);
        using (no_grad())
        {
            foreach (var (name, p) in net.named_parameters())
            {
                if (name == "bias") p.fill_(0.3);
            }
        }

        var x = Inputs(N, D, 1);
        using var input = tensor(x, [N, D]);
        using var output = net.forward(input);
        Assert.Equal([N, 1L], output.shape);
        var y = output.data<float>().ToArray();
        var w = net.Frequencies;
        var a = net.CosCoefficients;
        var b = net.SinCoefficients;
        Assert.Equal(0.3, net.OutputBias, 1e-7);
        for (var i = 0; i < N; i++)
        {
            double sum = 0;
            for (var j = 0; j < M; j++)
            {
                var phase = w[j, 0] * x[i * D] + w[j, 1] * x[i * D + 1];
                sum += a[j] * Math.Cos(phase) + b[j] * Math.Sin(phase);
            }

            var expected = sum / Math.Sqrt(M) + 0.3;
            Assert.True(Math.Abs(expected - y[i]) < 1e-4, $"row {i}: {y[i]} vs {expected}");
        }
    }

    [Fact]
    public void InitialisationIsDeterministicAndDrawnFromTheDensityThenNormals()
    {
        var density = FrequencyDensity.Uniform(7);
        using var net = new FourierFeatureNet(3, 500, density, sigmaA: 2, seed: 9);
        using var same = new FourierFeatureNet(3, 500, density, sigmaA: 2, seed: 9);
        using var other = new FourierFeatureNet(3, 500, density, sigmaA: 2, seed: 10);
        var expected = density.Sample(500, 3, new SplitMix64(9));
        var w = net.Frequencies;
        Assert.Equal(500, w.GetLength(0));
        Assert.Equal(3, w.GetLength(1));
        for (var j = 0; j < 500; j++)
        {
            for (var k = 0; k < 3; k++) Assert.Equal((float)expected[j * 3 + k], (float)w[j, k]);
        }

        Assert.Equal(net.Frequencies, same.Frequencies);
        Assert.Equal(net.CosCoefficients, same.CosCoefficients);
        Assert.NotEqual(net.CosCoefficients, other.CosCoefficients);
        // a and b: 1000 draws of N(0, 4): the sample variance is within ~5 standard errors (√(2/1000)·4 ≈ 0.18).
        var ab = net.CosCoefficients.Concat(net.SinCoefficients).ToArray();
        Assert.Equal(4, ab.Select(v => v * v).Average(), 0.9);
        Assert.True(Math.Abs(ab.Average()) < 5 * 2 / Math.Sqrt(1000));
        Assert.All(net.parameters(), p => Assert.Equal(float32, p.dtype));
        Assert.Equal(500 * 3 + 1000, net.ParameterCount);
        Assert.False(net.HasOutputBias);
        Assert.Equal(0, net.OutputBias);
    }

    [Fact]
    public void FixedFrequenciesGetNoGradient()
    {
        using var input = tensor(Inputs(8, 1, 2), [8, 1]);
        foreach (var train in new[] { false, true })
        {
            using var net = new FourierFeatureNet(1, 32, FrequencyDensity.Laplace(2), seed: 1, trainFrequencies: train);
            Assert.Equal(train, net.TrainFrequencies);
            Assert.Equal(train ? 64 + 32 : 64, net.ParameterCount);
            using (var scope = NewDisposeScope())
            {
                net.forward(input).square().sum().backward();
            }

            Assert.Equal(train, net.FrequencyParameter.grad is not null);
            Assert.NotNull(net.parameters().First(p => p.shape[1] == 1 && !ReferenceEquals(p, net.FrequencyParameter)).grad);
        }

        using var switched = new FourierFeatureNet(1, 4, FrequencyDensity.Gaussian(1));
        switched.TrainFrequencies = false;
        Assert.False(switched.FrequencyParameter.requires_grad);
    }

    [Fact]
    public void ConvertingToFloat64MovesEveryParameterAndKeepsTheFunction()
    {
        using var net = new FourierFeatureNet(2, 40, FrequencyDensity.Laplace(1.5), seed: 3, trainFrequencies: false, outputBias: true);
        var x = Inputs(7, 2, 5);
        using var x32 = tensor(x, [7, 2]);
        using var y32 = net.forward(x32);
        var before = y32.data<float>().ToArray();
        net.to(float64);
        Assert.All(net.parameters(), p => Assert.Equal(float64, p.dtype));
        Assert.Equal(float64, net.FrequencyParameter.dtype);
        Assert.False(net.TrainFrequencies);
        using var x64 = tensor(x.Select(v => (double)v).ToArray(), [7, 2]);
        using var y64 = net.forward(x64);
        Assert.Equal(before.Select(v => (double)v).ToArray(), y64.data<double>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void RejectsInputsOfTheWrongShape()
    {
        using var net = new FourierFeatureNet(2, 4, FrequencyDensity.Gaussian(1));
        using var wrong = zeros(3, 3);
        Assert.Throws<ArgumentException>(() => net.forward(wrong));
        Assert.Contains("-1", Assert.Throws<ArgumentException>(() => new FourierFeatureNet(1, 4, FrequencyDensity.Gaussian(1), sigmaA: -1)).Message);
    }

    public static TheoryData<string, bool> NtkCases => new()
    {
        { "gaussian", true },
        { "gaussian", false },
        { "uniform", true },
        { "uniform", false },
    };

    [Theory]
    [MemberData(nameof(NtkCases))]
    public void EmpiricalNtkOfAWideNetMatchesTheInfiniteWidthKernel(string kind, bool trainFrequencies)
    {
        const double SigmaA = 1.2;
        double[] x = [-1, -0.6, -0.2, 0.1, 0.5, 0.9];
        var density = kind == "gaussian" ? FrequencyDensity.Gaussian(3) : FrequencyDensity.Uniform(5);
        Func<double, double> k = kind == "gaussian" ? z => Math.Exp(-4.5 * z * z) : z => z == 0 ? 1 : Math.Sin(5 * z) / (5 * z);
        using var net = new FourierFeatureNet(1, 20_000, density, SigmaA, seed: 21, trainFrequencies: trainFrequencies);
        var parameters = net.parameters().Where(p => p.requires_grad).ToArray();
        var gradients = new double[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            using var scope = NewDisposeScope();
            var output = net.forward(tensor(new[] { (float)x[i] }, [1, 1])).sum();
            var grads = autograd.grad([output], parameters);
            gradients[i] = cat(grads.Select(g => g.reshape(-1)).ToArray()).to(float64).data<double>().ToArray();
        }

        var theory = new double[x.Length, x.Length];
        var empirical = new double[x.Length, x.Length];
        double scale = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                var kernel = k(x[i] - x[j]);
                theory[i, j] = trainFrequencies ? (1 + SigmaA * SigmaA * x[i] * x[j]) * kernel : kernel;
                empirical[i, j] = gradients[i].Zip(gradients[j], (u, v) => u * v).Sum();
                Assert.Equal(theory[i, j], net.InfiniteWidthNtk([x[i]], [x[j]]), 1e-12);
                scale = Math.Max(scale, theory[i, j]);
            }
        }

        // Monte Carlo error of an m = 20 000 average is ~1/√m ≈ 0.7% of the kernel's scale per entry.
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                Assert.True(Math.Abs(empirical[i, j] - theory[i, j]) < 0.03 * scale, $"Θ[{i},{j}] = {empirical[i, j]}, theory {theory[i, j]}");
            }
        }
    }
}
