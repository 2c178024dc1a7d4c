using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using FreqScope.Experiments.Poisson;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class PdeTrainerTests
{
    public PdeTrainerTests() => NativeLoader.EnsureLoaded();

    /// <summary>A one-hidden-layer tanh network u(x) = Σ_j a_j tanh(w_j·x + b_j) + c with the given parameters.</summary>
    private static Mlp OneLayer(int dimension, double[,] w, double[] b, double[] a, double c)
    {
        var model = new Mlp(dimension, [b.Length], 1, Activation.Tanh);
        using (no_grad())
        {
            var first = model.Layers[0];
            var wf = new float[b.Length * dimension];
            for (int j = 0; j < b.Length; j++)
                for (int d = 0; d < dimension; d++) wf[j * dimension + d] = (float)w[j, d];
            first.weight!.copy_(tensor(wf).reshape(b.Length, dimension));
            first.bias!.copy_(tensor(b.Select(v => (float)v).ToArray()));
            model.Layers[1].weight!.copy_(tensor(a.Select(v => (float)v).ToArray()).reshape(1, b.Length));
            model.Layers[1].bias!.copy_(tensor(new[] { (float)c }));
        }

        return model;
    }

    private static readonly double[,] W1 = { { 1.3 }, { -0.7 }, { 2.1 } };
    private static readonly double[] B1 = [0.2, -0.4, 0.1];
    private static readonly double[] A1 = [0.5, -1.1, 0.3];
    private const double C1 = 0.05;

    private static double U1(double x) => C1 + Enumerable.Range(0, 3).Sum(j => A1[j] * Math.Tanh(W1[j, 0] * x + B1[j]));

    private static double U1x(double x) => Enumerable.Range(0, 3).Sum(j =>
    {
        double t = Math.Tanh(W1[j, 0] * x + B1[j]);
        return A1[j] * W1[j, 0] * (1 - t * t);
    });

    private static double U1xx(double x) => Enumerable.Range(0, 3).Sum(j =>
    {
        double t = Math.Tanh(W1[j, 0] * x + B1[j]);
        return A1[j] * W1[j, 0] * W1[j, 0] * (-2 * t * (1 - t * t));
    });

    private static double G(double x, double y) => Math.Sin(3 * x) + 0.5 * x + 0.25 * y;

    private static PdeNetworkConfig Config(PdeLoss loss, int count, Sampling sampling = Sampling.Uniform, double beta = 7, int boundary = 2) => new()
    {
        Loss = loss,
        Collocation = new CollocationConfig { Count = count, Sampling = sampling },
        BoundaryWeight = beta,
        BoundaryPoints = boundary,
    };

    [Fact]
    public void ResidualLossIn1DEqualsTheAnalyticResidualOfAKnownNetwork()
    {
        using var model = OneLayer(1, W1, B1, A1, C1);
        using var trainer = new PdeTrainer(model, Config(PdeLoss.Residual, 9), 1, -1, 2, G, 0, CPU);
        var xs = Enumerable.Range(1, 9).Select(j => -1 + 3.0 * j / 10).ToArray();
        double interior = xs.Average(x => Math.Pow(-U1xx(x) - G(x, 0), 2));
        double boundary = (U1(-1) * U1(-1) + U1(2) * U1(2)) / 2;
        double expected = interior + 7 * boundary;
        Assert.Equal(expected, trainer.Loss(), 1e-5 * Math.Max(1, expected));
    }

    [Fact]
    public void RitzLossIn1DEqualsTheAnalyticEnergyOfAKnownNetwork()
    {
        using var model = OneLayer(1, W1, B1, A1, C1);
        using var trainer = new PdeTrainer(model, Config(PdeLoss.Ritz, 9, beta: 3), 1, -1, 2, G, 0, CPU);
        var xs = Enumerable.Range(1, 9).Select(j => -1 + 3.0 * j / 10).ToArray();
        double energy = 3 * xs.Average(x => 0.5 * U1x(x) * U1x(x) - G(x, 0) * U1(x));
        double expected = energy + 3 * (U1(-1) * U1(-1) + U1(2) * U1(2)) / 2;
        Assert.Equal(expected, trainer.Loss(), 1e-5 * Math.Max(1, Math.Abs(expected)));
    }

    [Fact]
    public void ExactBoundaryMultipliesByTheBubbleAndDropsThePenalty()
    {
        // u = φ·N with φ = 4(x + 1)(2 − x)/9 on [−1, 2]: −u'' = −(φ''N + 2φ'N' + φN''), φ' = 4(1 − 2x)/9, φ'' = −8/9.
        using var model = OneLayer(1, W1, B1, A1, C1);
        using var trainer = new PdeTrainer(model, Config(PdeLoss.Residual, 9) with { Boundary = PdeBoundary.Exact }, 1, -1, 2, G, 0, CPU);
        static double Phi(double x) => 4 * (x + 1) * (2 - x) / 9;
        var xs = Enumerable.Range(1, 9).Select(j => -1 + 3.0 * j / 10).ToArray();
        double expected = xs.Average(x =>
        {
            double uxx = -8.0 / 9 * U1(x) + 2 * 4 * (1 - 2 * x) / 9 * U1x(x) + Phi(x) * U1xx(x);
            return Math.Pow(-uxx - G(x, 0), 2);
        });
        Assert.Equal(expected, trainer.Loss(), 1e-5 * Math.Max(1, expected));
        using var ends = PdeTrainer.Points([-1, 0.5, 2], 1, CPU);
        var u = trainer.Predict(ends);
        Assert.Equal(0.0, u[0], 12);
        Assert.Equal(0.0, u[2], 12);
        Assert.Equal(Phi(0.5) * U1(0.5), u[1], 5);
    }

    [Fact]
    public void ResidualLossIn2DUsesTheFullLaplacianOnTheSquareGrid()
    {
        double[,] w = { { 1.1, -0.6 }, { 0.4, 1.7 } };
        double[] b = [0.3, -0.2], a = [0.8, -0.5];
        using var model = OneLayer(2, w, b, a, 0.1);
        // count 10 → a 3 × 3 uniform grid; 4 boundary points: the corners (0,0), (1,0), (1,1), (0,1).
        using var trainer = new PdeTrainer(model, Config(PdeLoss.Residual, 10, beta: 2, boundary: 4), 2, 0, 1, G, 0, CPU);
        double U(double x, double y) => 0.1 + a[0] * Math.Tanh(w[0, 0] * x + w[0, 1] * y + b[0]) + a[1] * Math.Tanh(w[1, 0] * x + w[1, 1] * y + b[1]);
        double Lap(double x, double y) => Enumerable.Range(0, 2).Sum(j =>
        {
            double t = Math.Tanh(w[j, 0] * x + w[j, 1] * y + b[j]);
            return a[j] * (w[j, 0] * w[j, 0] + w[j, 1] * w[j, 1]) * (-2 * t * (1 - t * t));
        });
        var residuals = new List<double>();
        for (int i = 1; i <= 3; i++)
            for (int j = 1; j <= 3; j++)
                residuals.Add(Math.Pow(-Lap(i / 4.0, j / 4.0) - G(i / 4.0, j / 4.0), 2));
        double boundary = new[] { U(0, 0), U(1, 0), U(1, 1), U(0, 1) }.Average(u => u * u);
        double expected = residuals.Average() + 2 * boundary;
        Assert.Equal(expected, trainer.Loss(), 1e-5 * Math.Max(1, expected));
    }

    [Fact]
    public void BoundaryPointsAreEvenlySpacedAlongThePerimeter()
    {
        var flat = PdeTrainer.BoundaryPoints(2, -1, 1, 8);
        var points = Enumerable.Range(0, 8).Select(j => (flat[2 * j], flat[2 * j + 1])).ToArray();
        Assert.Equal((-1.0, -1.0), points[0]);
        Assert.Equal((0.0, -1.0), points[1]);
        Assert.Equal((1.0, -1.0), points[2]);
        Assert.Equal((1.0, 0.0), points[3]);
        Assert.Equal((1.0, 1.0), points[4]);
        Assert.Equal((0.0, 1.0), points[5]);
        Assert.Equal((-1.0, 1.0), points[6]);
        Assert.Equal((-1.0, 0.0), points[7]);
        Assert.Equal([-1.0, 1.0], PdeTrainer.BoundaryPoints(1, -1, 1, 2));
    }

    [Fact]
    public void TrainingSolvesASmoothProblem()
    {
        // −u'' = π² sin(πx) on [−1, 1], u(±1) = 0: u = sin(πx).
        manual_seed(1);
        using var model = new Mlp(1, [32, 32], 1, Activation.Tanh);
        using var trainer = new PdeTrainer(model, Config(PdeLoss.Residual, 64, beta: 100) with { LearningRate = 0.005 }, 1, -1, 1,
            (x, _) => Math.PI * Math.PI * Math.Sin(Math.PI * x), 0, CPU);
        var xs = Enumerable.Range(1, 99).Select(i => -1 + 2.0 * i / 100).ToArray();
        using var nodes = PdeTrainer.Points(xs, 1, CPU);
        double Error() => FitTrainer.Predict(model, nodes).Select((u, i) => Math.Abs(u - Math.Sin(Math.PI * xs[i]))).Max();
        double before = Error();
        for (int s = 0; s < 800; s++) trainer.Step();
        double after = Error();
        Assert.True(before > 0.3, $"untrained error {before}");
        Assert.True(after < 0.02, $"error after 800 steps {after}");
    }

    [Fact]
    public void RandomCollocationIsDeterministicForASeedAndDiffersAcrossSeeds()
    {
        float[] Train(long seed)
        {
            manual_seed(0);
            using var model = new Mlp(2, [8], 1, Activation.Tanh);
            using var trainer = new PdeTrainer(model, Config(PdeLoss.Residual, 16, Sampling.Random, boundary: 8), 2, 0, 1, G, seed, CPU);
            for (int s = 0; s < 5; s++) trainer.Step();
            return model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }

        Assert.Equal(Train(3), Train(3));
        Assert.NotEqual(Train(3), Train(4));
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowOverManySteps()
    {
        manual_seed(0);
        using var model = new Mlp(2, [8, 8], 1, Activation.Tanh);
        using var trainer = new PdeTrainer(model, Config(PdeLoss.Residual, 16, Sampling.Random, boundary: 8), 2, 0, 1, G, 0, CPU);
        trainer.Step();
        long before = LiveTensors.Settled();
        for (int s = 0; s < 50; s++) trainer.Step();
        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void ANetworkWithTheWrongInputWidthIsRejected()
    {
        using var model = new Mlp(1, [4], 1, Activation.Tanh);
        var e = Assert.Throws<ArgumentException>(() => new PdeTrainer(model, Config(PdeLoss.Residual, 4), 2, 0, 1, G, 0, CPU));
        Assert.Contains("takes 1 inputs", e.Message);
    }
}
