using FreqScope.Core;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Theory;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Tests.Theory;

[Collection(TorchCollection.Name)]
public sealed class EmpiricalNtkTests
{
    public EmpiricalNtkTests() => NativeLoader.EnsureLoaded();

    private static Tensor Inputs(int n, int d, int seed) => randn([n, d], float32, generator: new Generator((ulong)seed));

    private static double[,] Gram(Tensor x, double constant)
    {
        var n = (int)x.shape[0];
        var d = (int)x.shape[1];
        var data = x.data<float>().ToArray();
        var g = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = constant;
                for (var k = 0; k < d; k++)
                {
                    sum += (double)data[(i * d) + k] * data[(j * d) + k];
                }

                g[i, j] = sum;
            }
        }

        return g;
    }

    private static double MaxAbsDiff(double[,] a, double[,] b)
    {
        Assert.Equal(a.GetLength(0), b.GetLength(0));
        Assert.Equal(a.GetLength(1), b.GetLength(1));
        var max = 0.0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
            }
        }

        return max;
    }

    private static double MaxAbs(double[,] a) => a.Cast<double>().Max(Math.Abs);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LinearModelKernelIsTheGramMatrixPlusOneForTheBias(bool hasBias)
    {
        manual_seed(3);
        using var model = nn.Linear(5, 1, hasBias: hasBias);
        using var x = Inputs(13, 5, 4);
        var ntk = EmpiricalNtk.Compute(model, x, batchSize: 4);
        var expected = Gram(x, hasBias ? 1.0 : 0.0);
        // The Jacobian row is (x, 1) exactly; only float64 summation order differs.
        Assert.True(MaxAbsDiff(ntk, expected) <= 1e-12 * MaxAbs(expected), $"max diff {MaxAbsDiff(ntk, expected)}");
    }

    /// <summary>A linear layer plus a trainable parameter the output does not depend on.</summary>
    private sealed class LinearWithUnusedParameter : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear linear;
        private readonly TorchSharp.Modules.Parameter unused;

        public LinearWithUnusedParameter(int d) : base(nameof(LinearWithUnusedParameter))
        {
            linear = nn.Linear(d, 1);
            unused = new TorchSharp.Modules.Parameter(ones(3));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => linear.forward(input);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                linear.Dispose();
                unused.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    [Fact]
    public void ParametersTheOutputDoesNotUseContributeNothing()
    {
        manual_seed(12);
        using var model = new LinearWithUnusedParameter(4);
        Assert.Equal(3, model.parameters().Count());
        using var x = Inputs(6, 4, 13);
        var ntk = EmpiricalNtk.Compute(model, x, batchSize: 4);
        var expected = Gram(x, 1.0);
        Assert.True(MaxAbsDiff(ntk, expected) <= 1e-12 * MaxAbs(expected), $"max diff {MaxAbsDiff(ntk, expected)}");
    }

    [Theory]
    [InlineData(1, new[] { 16, 16 }, 10)]
    [InlineData(3, new[] { 32 }, 23)]
    [InlineData(2, new[] { 8, 24, 8 }, 17)]
    public void MlpKernelIsSymmetricPsdAndIndependentOfTheBatchSize(int inputDim, int[] hidden, int n)
    {
        manual_seed(inputDim + n);
        using var model = new Mlp(inputDim, hidden, 1, Activation.Tanh);
        using var x = Inputs(n, inputDim, n);
        var whole = EmpiricalNtk.Compute(model, x, batchSize: 2 * n);
        var scale = MaxAbs(whole);
        Assert.True(scale > 0);
        foreach (var batchSize in new[] { 2, 3, 5, 64 })
        {
            var ntk = EmpiricalNtk.Compute(model, x, batchSize);
            Assert.True(MaxAbsDiff(ntk, whole) <= 1e-12 * scale, $"batch {batchSize}: max diff {MaxAbsDiff(ntk, whole)}");
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    Assert.Equal(ntk[i, j], ntk[j, i]);
                }
            }

            var spectrum = new NtkSpectrum(ntk);
            Assert.True(spectrum.Eigenvalues[0] > 0);
            Assert.True(spectrum.Eigenvalues[^1] >= -1e-6 * spectrum.Eigenvalues[0], $"λ_min {spectrum.Eigenvalues[^1]}, λ_max {spectrum.Eigenvalues[0]}");

            // The cross kernel of x with itself is the same matrix.
            var cross = EmpiricalNtk.Compute(model, x, x, batchSize);
            Assert.True(MaxAbsDiff(cross, whole) <= 1e-12 * scale, $"cross, batch {batchSize}: max diff {MaxAbsDiff(cross, whole)}");
        }
    }

    [Fact]
    public void CrossKernelIsTheOffDiagonalBlockOfTheJointKernel()
    {
        manual_seed(7);
        using var model = new Mlp(2, [20, 20], 1, Activation.Tanh);
        using var x1 = Inputs(9, 2, 1);
        using var x2 = Inputs(6, 2, 2);
        using var joint = cat([x1, x2], 0);
        var full = EmpiricalNtk.Compute(model, joint, batchSize: 4);
        var cross = EmpiricalNtk.Compute(model, x1, x2, batchSize: 4);
        Assert.Equal(9, cross.GetLength(0));
        Assert.Equal(6, cross.GetLength(1));
        for (var i = 0; i < 9; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                Assert.Equal(full[i, 9 + j], cross[i, j], 1e-12 * MaxAbs(full));
            }
        }
    }

    [Fact]
    public void TwoLayerTanhKernelMatchesTheHandDerivedFormula()
    {
        const int width = 7;
        using var model = new TanhNet(width, 1.0, 11);
        var xs = new[] { -1.5, -0.3, 0.0, 0.4, 2.0 };
        using var x = tensor(xs.Select(v => (float)v).ToArray(), [xs.Length, 1]);
        var ntk = EmpiricalNtk.Compute(model, x, batchSize: 2);
        var (u, c, v) = (model.U, model.C, model.V);
        var expected = new double[xs.Length, xs.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            for (var k = 0; k < xs.Length; k++)
            {
                // Θ = Σ_j [t t′ + v_j² (1 − t²)(1 − t′²)(x x′ + 1)], t = tanh(u_j x + c_j).
                var x0 = (double)(float)xs[i];
                var x1 = (double)(float)xs[k];
                var sum = 0.0;
                for (var j = 0; j < width; j++)
                {
                    var t0 = Math.Tanh((u[j] * x0) + c[j]);
                    var t1 = Math.Tanh((u[j] * x1) + c[j]);
                    sum += (t0 * t1) + (v[j] * v[j] * (1 - (t0 * t0)) * (1 - (t1 * t1)) * ((x0 * x1) + 1));
                }

                expected[i, k] = sum;
            }
        }

        // The Jacobian is computed in float32: relative agreement to a few float32 ulps.
        Assert.True(MaxAbsDiff(ntk, expected) <= 1e-5 * MaxAbs(expected), $"max diff {MaxAbsDiff(ntk, expected)} of {MaxAbs(expected)}");
    }

    [Fact]
    public void OnlyParametersThatRequireGradCount()
    {
        using var model = new TanhNet(5, 1.0, 2);
        using var x = tensor(new[] { -1f, 0.5f, 2f }, [3, 1]);
        var all = EmpiricalNtk.Compute(model, x);
        foreach (var p in model.parameters())
        {
            p.requires_grad_(false);
        }

        Assert.Throws<ArgumentException>(() => EmpiricalNtk.Compute(model, x));
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        parameters["v"].requires_grad_(true);
        var outputOnly = EmpiricalNtk.Compute(model, x);
        // With only v trained, Θ = Σ_j tanh(u_j x + c_j) tanh(u_j x′ + c_j), strictly less than the full kernel on the diagonal.
        var (u, c) = (model.U, model.C);
        for (var i = 0; i < 3; i++)
        {
            for (var k = 0; k < 3; k++)
            {
                double x0 = x[i, 0].item<float>(), x1 = x[k, 0].item<float>();
                var expected = Enumerable.Range(0, 5).Sum(j => Math.Tanh((u[j] * x0) + c[j]) * Math.Tanh((u[j] * x1) + c[j]));
                Assert.Equal(expected, outputOnly[i, k], 1e-5 * Math.Max(1, Math.Abs(expected)));
            }

            Assert.True(outputOnly[i, i] < all[i, i]);
        }
    }

    [Fact]
    public void LeavesParameterGradientsAndGradModeAlone()
    {
        manual_seed(5);
        using var model = new Mlp(1, [8], 1, Activation.Tanh);
        using var x = Inputs(6, 1, 3);
        using (var scope = NewDisposeScope())
        {
            model.forward(x).sum().backward();
        }

        var before = model.parameters().Select(p => p.grad!.data<float>().ToArray()).ToArray();
        EmpiricalNtk.Compute(model, x, batchSize: 4);
        using (no_grad())
        {
            var inside = EmpiricalNtk.Compute(model, x, batchSize: 4);
            Assert.False(is_grad_enabled());
            Assert.True(inside[0, 0] > 0);
        }

        var after = model.parameters().Select(p => p.grad!.data<float>().ToArray()).ToArray();
        for (var k = 0; k < before.Length; k++)
        {
            Assert.Equal(before[k], after[k]);
        }

        using var fresh = new Mlp(1, [8], 1, Activation.Tanh);
        EmpiricalNtk.Compute(fresh, x);
        Assert.All(fresh.parameters(), p => Assert.True(p.grad is null || p.grad.IsInvalid));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        using var model = new Mlp(2, [4], 2, Activation.Tanh);
        using var x = Inputs(3, 2, 0);
        Assert.Throws<ArgumentException>(() => EmpiricalNtk.Compute(model, x)); // two outputs per row
        using var scalar = new Mlp(2, [4], 1, Activation.Tanh);
        Assert.Throws<ArgumentOutOfRangeException>(() => EmpiricalNtk.Compute(scalar, x, batchSize: 1));
        using var flat = zeros(3);
        Assert.Throws<ArgumentException>(() => EmpiricalNtk.Compute(scalar, flat));
        using var wrongWidth = zeros(3, 3);
        Assert.Throws<ArgumentException>(() => EmpiricalNtk.Compute(scalar, x, wrongWidth, 4));
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowOverRepeatedCalls()
    {
        manual_seed(9);
        using var model = new Mlp(1, [16, 16], 1, Activation.Tanh);
        using var x = Inputs(11, 1, 8);
        using var x2 = Inputs(5, 1, 9);
        EmpiricalNtk.Compute(model, x, batchSize: 4);
        EmpiricalNtk.Compute(model, x, x2, batchSize: 4);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.TotalCount;
        for (var call = 0; call < 10; call++)
        {
            EmpiricalNtk.Compute(model, x, batchSize: 4);
            EmpiricalNtk.Compute(model, x, x2, batchSize: 4);
        }

        Assert.Equal(before, Tensor.TotalCount);
    }
}
