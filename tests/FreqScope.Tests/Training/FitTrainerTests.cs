using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using FreqScope.Experiments.Fit1d;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class FitTrainerTests
{
    public FitTrainerTests() => NativeLoader.EnsureLoaded();

    private static (double[] X, double[] Y, double[] Dy) Data(int n)
    {
        var x = Enumerable.Range(0, n).Select(i => -Math.PI + 2 * Math.PI * i / (n - 1)).ToArray();
        return (x, x.Select(v => Math.Sin(v) + Math.Sin(3 * v)).ToArray(), x.Select(v => Math.Cos(v) + 3 * Math.Cos(3 * v)).ToArray());
    }

    private static Mlp Net(int seed)
    {
        manual_seed(seed);
        return new Mlp(1, [32, 32], 1, Activation.Tanh);
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowOverManySteps()
    {
        var (x, y, dy) = Data(64);
        foreach (var config in new[]
        {
            new FitTrainingConfig { Optimizer = OptimizerKind.Adam, LearningRate = 1e-3 },
            new FitTrainingConfig { Optimizer = OptimizerKind.Sgd, LearningRate = 1e-2, Momentum = 0.9, Nesterov = true, BatchSize = 16 },
            new FitTrainingConfig { Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, H1Weight = 0.1 },
        })
        {
            using var model = Net(0);
            using var trainer = new FitTrainer(model, x, y, dy, config, 0, CPU);
            using var xt = FitTrainer.ToColumn(x, CPU);
            for (int i = 0; i < 5; i++) trainer.Step(); // optimizer state is created on the first steps
            FitTrainer.Predict(model, xt);
            // Collect earlier garbage first, so that only this loop's leaks could move the count.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = Tensor.TotalCount;
            for (int i = 0; i < 300; i++)
            {
                trainer.Step();
                if (i % 50 == 0) FitTrainer.Predict(model, xt);
            }
            Assert.Equal(before, Tensor.TotalCount);
        }
    }

    [Fact]
    public void TrainingReducesTheLoss()
    {
        var (x, y, _) = Data(64);
        using var model = Net(1);
        using var trainer = new FitTrainer(model, x, y, null, new FitTrainingConfig { LearningRate = 3e-3 }, 0, CPU);
        double start = trainer.FullBatchLoss();
        for (int i = 0; i < 1500; i++) trainer.Step();
        Assert.True(trainer.FullBatchLoss() < 0.05 * start, $"loss {start} -> {trainer.FullBatchLoss()}");
    }

    [Fact]
    public void FullBatchLossIsTheMeanSquaredErrorOfThePredictions()
    {
        var (x, y, _) = Data(50);
        using var model = Net(2);
        using var trainer = new FitTrainer(model, x, y, null, new FitTrainingConfig(), 0, CPU);
        using var xt = FitTrainer.ToColumn(x, CPU);
        var p = FitTrainer.Predict(model, xt);
        double mse = p.Zip(y, (a, b) => (a - b) * (a - b)).Average();
        Assert.Equal(mse, trainer.FullBatchLoss(), 1e-5 * Math.Max(1, mse));
    }

    [Fact]
    public void H1TermAddsTheDerivativeMismatchMeasuredByFiniteDifferences()
    {
        var (x, y, dy) = Data(40);
        const double lambda = 0.25;
        using var model = Net(3);
        using var trainer = new FitTrainer(model, x, y, dy, new FitTrainingConfig { H1Weight = lambda }, 0, CPU);
        // Independent: f'(x) by central differences of the network's own output, in float64.
        model.to(float64);
        double h = 1e-5;
        using var xp = tensor(x.Select(v => v + h).ToArray()).reshape(-1, 1);
        using var xm = tensor(x.Select(v => v - h).ToArray()).reshape(-1, 1);
        using var x0 = tensor(x).reshape(-1, 1);
        var fp = FitTrainer.Predict(model, xp);
        var fm = FitTrainer.Predict(model, xm);
        var f0 = FitTrainer.Predict(model, x0);
        model.to(float32);
        double mse = f0.Zip(y, (a, b) => (a - b) * (a - b)).Average();
        double dmse = Enumerable.Range(0, x.Length).Select(i => (fp[i] - fm[i]) / (2 * h) - dy[i]).Select(d => d * d).Average();
        double expected = mse + lambda * dmse;
        Assert.Equal(expected, trainer.FullBatchLoss(), 1e-4 * expected);
    }
}
