using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using FreqScope.Experiments.Fit1d;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class EnsembleTrainerTests
{
    public EnsembleTrainerTests() => NativeLoader.EnsureLoaded();

    private static double[] Grid(int n) => [.. Enumerable.Range(0, n).Select(i => -Math.PI + 2 * Math.PI * i / (n - 1))];

    private static double[] Target(double[] x) => [.. x.Select(v => Math.Sin(v) + Math.Sin(3 * v) + 0.5 * Math.Sin(5 * v))];

    /// <summary>Three members: different seeds, init scales and learning rates; the last one narrower (padded).</summary>
    private static (ModelConfig Model, long Seed, FitTrainingConfig Training)[] Members(FitTrainingConfig baseTraining) =>
    [
        (new ModelConfig { Hidden = [48, 48, 24] }, 0, baseTraining with { LearningRate = 1e-3 }),
        (new ModelConfig
        {
            Hidden = [48, 48, 24],
            WeightInit = new InitConfig { Distribution = InitDistribution.Normal, Scale = new(48, 0.5) },
            BiasInit = new InitConfig { Distribution = InitDistribution.Normal, Std = 0.05 },
        }, 1, baseTraining with { LearningRate = 3e-3 }),
        (new ModelConfig
        {
            Hidden = [32, 40, 16],
            WeightInit = new InitConfig { Distribution = InitDistribution.Uniform, Std = 0.2 },
        }, 2, baseTraining with { LearningRate = 2e-3 }),
    ];

    /// <summary>Largest |ensemble − single| over the eval grid and members, relative to the output scale (at least 1).</summary>
    private static double TrainBothWays(FitTrainingConfig training, int steps)
    {
        var x = Grid(101);
        var y = Target(x);
        var xEval = Grid(203);
        var members = Members(training);
        using var xe = FitTrainer.ToColumn(xEval, CPU);

        var single = new double[members.Length][];
        for (int k = 0; k < members.Length; k++)
        {
            using var net = NetworkFactory.Create(members[k].Model, members[k].Seed);
            using var trainer = new FitTrainer(net, x, y, null, members[k].Training, members[k].Seed, CPU);
            for (int s = 0; s < steps; s++) trainer.Step();
            single[k] = FitTrainer.Predict(net, xe);
        }

        using var ensemble = new EnsembleMlp([.. members.Select(m => m.Model)], [.. members.Select(m => m.Seed)]);
        Assert.True(ensemble.HasPadding);
        using var stacked = new EnsembleTrainer(ensemble, [x], [y], [.. members.Select(m => m.Training)], CPU);
        for (int s = 0; s < steps; s++) stacked.Step();
        var outputs = EnsembleTrainer.Predict(ensemble, xe);

        double worst = 0;
        for (int k = 0; k < members.Length; k++)
        {
            double scale = Math.Max(1, single[k].Max(Math.Abs));
            worst = Math.Max(worst, single[k].Zip(outputs[k], (a, b) => Math.Abs(a - b)).Max() / scale);
        }

        TestContext.Current.SendDiagnosticMessage($"{training.Optimizer}: max |ensemble − single| / scale = {worst:E2} after {steps} steps");
        Console.WriteLine($"{training.Optimizer}: max |ensemble − single| / scale = {worst:E2} after {steps} steps");
        return worst;
    }

    [Fact]
    public void EachAdamMemberMatchesTheSingleNetworkTrainedByFitTrainer()
    {
        double diff = TrainBothWays(new FitTrainingConfig { Optimizer = OptimizerKind.Adam, WeightDecay = 1e-4 }, 200);
        Assert.True(diff <= 1e-4, $"max relative difference {diff:E2}");
    }

    [Fact]
    public void EachSgdMemberWithMomentumMatchesTheSingleNetwork()
    {
        double diff = TrainBothWays(new FitTrainingConfig { Optimizer = OptimizerKind.Sgd, Momentum = 0.9, WeightDecay = 1e-4 }, 200);
        Assert.True(diff <= 1e-4, $"max relative difference {diff:E2}");
        double nesterov = TrainBothWays(new FitTrainingConfig { Optimizer = OptimizerKind.Sgd, Momentum = 0.8, Nesterov = true }, 100);
        Assert.True(nesterov <= 1e-4, $"max relative difference {nesterov:E2} (Nesterov)");
    }

    [Fact]
    public void LossesAreEachMembersMeanSquaredErrorAndFallWithTraining()
    {
        var x = Grid(64);
        var y = Target(x);
        var members = Members(new FitTrainingConfig());
        using var ensemble = new EnsembleMlp([.. members.Select(m => m.Model)], [.. members.Select(m => m.Seed)]);
        using var trainer = new EnsembleTrainer(ensemble, [x], [y], [.. members.Select(m => m.Training)], CPU);
        using var xt = FitTrainer.ToColumn(x, CPU);
        var start = trainer.FullBatchLosses();
        var outputs = EnsembleTrainer.Predict(ensemble, xt);
        for (int k = 0; k < 3; k++)
        {
            double mse = outputs[k].Zip(y, (a, b) => (a - b) * (a - b)).Average();
            Assert.Equal(mse, start[k], 1e-5 * Math.Max(1, mse));
        }

        Assert.Null(trainer.Step());
        var reported = trainer.Step(losses: true)!;
        Assert.Equal(3, reported.Length);
        for (int s = 0; s < 300; s++) trainer.Step();
        var end = trainer.FullBatchLosses();
        for (int k = 0; k < 3; k++) Assert.True(end[k] < 0.5 * start[k], $"member {k}: {start[k]} -> {end[k]}");
        Assert.Equal(302, trainer.StepCount);
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowOverManySteps()
    {
        var x = Grid(64);
        var y = Target(x);
        foreach (var training in new[]
        {
            new FitTrainingConfig { Optimizer = OptimizerKind.Adam, WeightDecay = 1e-3 },
            new FitTrainingConfig { Optimizer = OptimizerKind.Sgd, LearningRate = 1e-2, Momentum = 0.9, Nesterov = true },
        })
        {
            var members = Members(training);
            using var ensemble = new EnsembleMlp([.. members.Select(m => m.Model)], [.. members.Select(m => m.Seed)]);
            using var trainer = new EnsembleTrainer(ensemble, [x], [y], [.. members.Select(m => m.Training)], CPU);
            using var xt = FitTrainer.ToColumn(x, CPU);
            for (int i = 0; i < 5; i++) trainer.Step(); // gradients are created on the first step
            EnsembleTrainer.Predict(ensemble, xt);
            long before = LiveTensors.Settled();
            for (int i = 0; i < 300; i++)
            {
                trainer.Step(losses: i % 7 == 0);
                if (i % 50 == 0)
                {
                    EnsembleTrainer.Predict(ensemble, xt);
                    trainer.FullBatchLosses();
                }
            }

            Assert.Equal(before, Tensor.TotalCount);
        }
    }

    [Fact]
    public void SavedStateContinuesExactly()
    {
        var x = Grid(50);
        var y = Target(x);
        var members = Members(new FitTrainingConfig());
        ModelConfig[] models = [.. members.Select(m => m.Model)];
        long[] seeds = [.. members.Select(m => m.Seed)];
        FitTrainingConfig[] configs = [.. members.Select(m => m.Training)];
        using var a = new EnsembleMlp(models, seeds);
        using var ta = new EnsembleTrainer(a, [x], [y], configs, CPU);
        for (int i = 0; i < 10; i++) ta.Step();
        var modelBytes = new MemoryStream();
        var stateBytes = new MemoryStream();
        a.save(new BinaryWriter(modelBytes));
        ta.SaveState(new BinaryWriter(stateBytes));
        for (int i = 0; i < 10; i++) ta.Step();

        using var b = new EnsembleMlp(models, [7, 8, 9]);
        using var tb = new EnsembleTrainer(b, [x], [y], configs, CPU);
        modelBytes.Position = 0;
        stateBytes.Position = 0;
        b.load(new BinaryReader(modelBytes));
        tb.LoadState(new BinaryReader(stateBytes));
        Assert.Equal(10, tb.StepCount);
        for (int i = 0; i < 10; i++) tb.Step();
        using var xt = FitTrainer.ToColumn(x, CPU);
        var pa = EnsembleTrainer.Predict(a, xt);
        var pb = EnsembleTrainer.Predict(b, xt);
        for (int k = 0; k < 3; k++) Assert.Equal(pa[k], pb[k]);
    }

    [Fact]
    public void IncompatibleTrainingConfigsAreRefusedByName()
    {
        var x = Grid(20);
        var y = Target(x);
        var models = new[] { new ModelConfig { Hidden = [8] }, new ModelConfig { Hidden = [8] } };
        using var ensemble = new EnsembleMlp(models, [0, 1]);
        var ok = new FitTrainingConfig();
        void Refused(FitTrainingConfig other, string what)
        {
            var e = Assert.Throws<ArgumentException>(() => new EnsembleTrainer(ensemble, [x], [y], [ok, other], CPU));
            Assert.Contains(what, e.Message);
        }

        Refused(ok with { H1Weight = 0.1 }, "h1Weight");
        Refused(ok with { BatchSize = 10 }, "batchSize");
        Refused(ok with { Optimizer = OptimizerKind.Sgd }, "optimizer");
        Refused(ok with { WeightDecay = 0.1 }, "weightDecay");
        Refused(ok with { Beta2 = 0.99 }, "beta2");
        // A batch of the whole training set is the full batch; the learning rate may differ.
        using var fine = new EnsembleTrainer(ensemble, [x], [y], [ok with { BatchSize = 20 }, ok with { LearningRate = 0.1 }], CPU);
    }
}
