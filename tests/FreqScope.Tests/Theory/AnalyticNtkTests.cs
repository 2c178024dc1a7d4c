using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Theory;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Tests.Theory;

[Collection(TorchCollection.Name)]
public sealed class AnalyticNtkTests
{
    public AnalyticNtkTests() => NativeLoader.EnsureLoaded();

    /// <summary>f(x) = (1/√m) Σ_j [a_j cos(w_j x) + b_j sin(w_j x)], a, b ~ N(0, σ_a²), w ~ N(0, s²); 1-D x as n×1.</summary>
    private sealed class FourierFeatureNet : nn.Module<Tensor, Tensor>
    {
        private readonly Parameter a;
        private readonly Parameter b;
        private readonly Parameter w;
        private readonly int _width;

        public FourierFeatureNet(int width, double sigmaA, double frequencyScale, bool trainFrequencies, int seed) : base(nameof(FourierFeatureNet))
        {
            var generator = new Generator((ulong)seed);
            _width = width;
            a = new Parameter(randn([width], float32, generator: generator) * sigmaA);
            b = new Parameter(randn([width], float32, generator: generator) * sigmaA);
            w = new Parameter(randn([width], float32, generator: generator) * frequencyScale, requires_grad: trainFrequencies);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var z = input * w;
            var f = (matmul(cos(z), a.unsqueeze(1)) + matmul(sin(z), b.unsqueeze(1))) / Math.Sqrt(_width);
            return f.MoveToOuterDisposeScope();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                a.Dispose();
                b.Dispose();
                w.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    [Theory]
    [InlineData(true, 1.0, 3.0)]
    [InlineData(false, 1.0, 3.0)]
    [InlineData(true, 0.5, 8.0)]
    public void MatchesTheEmpiricalKernelOfAWideFourierFeatureModel(bool trainFrequencies, double sigmaA, double frequencyScale)
    {
        var xs = Enumerable.Range(0, 11).Select(i => (double)(float)(-1 + (0.2 * i))).ToArray();
        using var model = new FourierFeatureNet(20_000, sigmaA, frequencyScale, trainFrequencies, 17);
        using var x = tensor(xs.Select(v => (float)v).ToArray(), [xs.Length, 1]);
        var empirical = EmpiricalNtk.Compute(model, x, batchSize: 32);
        var analytic = AnalyticNtk.FourierFeature(xs, xs, sigmaA, z => Math.Exp(-0.5 * frequencyScale * frequencyScale * z * z), trainFrequencies);
        var scale = analytic.Cast<double>().Max(Math.Abs);
        var error = 0.0;
        for (var i = 0; i < xs.Length; i++)
        {
            for (var j = 0; j < xs.Length; j++)
            {
                error = Math.Max(error, Math.Abs(empirical[i, j] - analytic[i, j]));
            }
        }

        // Monte-Carlo fluctuation O(1/√m) ≈ 1 % of the kernel's scale; allow 3 %.
        Assert.True(error <= 0.03 * scale, $"max |Θ_emp − Θ_analytic| = {error}, scale {scale}");

        // The frequency term matters: without it (or with it when untrained) the error is far larger at |x| = 1.
        var other = AnalyticNtk.FourierFeature(xs, xs, sigmaA, z => Math.Exp(-0.5 * frequencyScale * frequencyScale * z * z), !trainFrequencies);
        Assert.True(Math.Abs(empirical[0, 0] - other[0, 0]) > 0.1 * sigmaA * sigmaA);
    }

    [Fact]
    public void FormulaOnAHandCase()
    {
        var k = AnalyticNtk.FourierFeature([0.5, -1.0], [2.0], 1.5, z => Math.Cos(z), trainFrequencies: true);
        Assert.Equal(2, k.GetLength(0));
        Assert.Equal(1, k.GetLength(1));
        Assert.Equal((1 + (2.25 * 0.5 * 2.0)) * Math.Cos(-1.5), k[0, 0], 1e-15);
        Assert.Equal((1 + (2.25 * -1.0 * 2.0)) * Math.Cos(-3.0), k[1, 0], 1e-15);
        var fixedK = AnalyticNtk.FourierFeature([0.5], [2.0], 1.5, z => Math.Cos(z), trainFrequencies: false);
        Assert.Equal(Math.Cos(-1.5), fixedK[0, 0], 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => AnalyticNtk.FourierFeature([0.0], [0.0], -1, z => 1, true));
    }
}
