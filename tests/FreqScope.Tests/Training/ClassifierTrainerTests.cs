using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ClassifierTrainerTests
{
    public ClassifierTrainerTests() => NativeLoader.EnsureLoaded();

    /// <summary>Two Gaussian blobs in the plane, centres (−1.5, −1) and (1.5, 1), σ = 0.7, alternating labels.</summary>
    private static (Tensor X, Tensor Y) Blobs(int n, int seed)
    {
        var r = new Random(seed);
        var x = new float[2 * n];
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            double sign = y[i] == 0 ? -1 : 1;
            for (int d = 0; d < 2; d++)
            {
                double g = Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
                x[2 * i + d] = (float)(sign * (d == 0 ? 1.5 : 1.0) + 0.7 * g);
            }
        }
        return (tensor(x).reshape(n, 2), tensor(y));
    }

    /// <summary>Random 1×8×8 "images" with 3 classes.</summary>
    private static (Tensor X, Tensor Y) Images(int n, int seed)
    {
        using var g = new Generator((ulong)seed);
        return (randn([n, 1, 8, 8], generator: g), randint(0, 3, [n], generator: g));
    }

    private static Mlp SmallMlp(int seed)
    {
        manual_seed(seed);
        return new Mlp(2, [16], 2, Activation.Relu);
    }

    private static Vgg TinyVgg(int seed)
    {
        manual_seed(seed);
        return new Vgg(11, 0.0625, true, 1, 8, 8, 3);
    }

    private static optim.Optimizer Sgd(nn.Module model, double lr = 0.05) =>
        OptimizerFactory.Create(OptimizerKind.Sgd, lr, 0.9, false, 0.9, 0.999, 1e-4, model.parameters());

    private static void RunEpochs(ClassifierTrainer trainer, LearningRateSchedule schedule, int from, int to)
    {
        for (int epoch = from; epoch < to; epoch++)
        {
            OptimizerFactory.SetLearningRate(trainer.Optimizer, schedule.At(epoch));
            for (int s = 0; s < trainer.StepsPerEpoch; s++) trainer.Step();
        }
    }

    /// <summary>Every parameter and buffer, as exact doubles.</summary>
    private static Dictionary<string, double[]> Snapshot(nn.Module model)
    {
        using var scope = NewDisposeScope();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().to(float64).data<double>().ToArray());
    }

    private static double[] Doubles(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().to(float64).data<double>().ToArray();
    }

    [Theory]
    [InlineData(LossKind.CrossEntropy)]
    [InlineData(LossKind.Mse)]
    public void LearnsTwoSeparableBlobs(LossKind loss)
    {
        var (x, y) = Blobs(128, 1);
        using (x)
        using (y)
        using (var model = SmallMlp(2))
        using (var opt = Sgd(model))
        using (var trainer = new ClassifierTrainer(model, x, y, loss, 2, opt, 16, 3))
        {
            Assert.Equal(8, trainer.StepsPerEpoch);
            var before = ClassifierTrainer.Evaluate(model, x, y, loss, 2, 64);
            RunEpochs(trainer, new LearningRateSchedule(0.05, ScheduleKind.None, 1, 1, 15), 0, 15);
            var after = ClassifierTrainer.Evaluate(model, x, y, loss, 2, 64);
            Assert.True(after.Accuracy >= 0.95, $"{loss}: train accuracy {after.Accuracy}");
            Assert.True(after.MeanLoss < before.MeanLoss, $"{loss}: loss {before.MeanLoss} -> {after.MeanLoss}");
        }
    }

    [Fact]
    public void StepsPerEpochRoundsUp()
    {
        var (x, y) = Blobs(50, 0);
        using (x)
        using (y)
        using (var model = SmallMlp(0))
        using (var opt = Sgd(model))
        {
            using var a = new ClassifierTrainer(model, x, y, LossKind.CrossEntropy, 2, opt, 16, 0);
            using var b = new ClassifierTrainer(model, x, y, LossKind.CrossEntropy, 2, opt, 64, 0);
            Assert.Equal(4, a.StepsPerEpoch);
            Assert.Equal(1, b.StepsPerEpoch);
            Assert.True(b.Sampler.IsFullBatch);
        }
    }

    [Theory]
    [InlineData(LossKind.CrossEntropy, false)]
    [InlineData(LossKind.Mse, false)]
    [InlineData(LossKind.CrossEntropy, true)]
    [InlineData(LossKind.Mse, true)]
    public void EvaluateMatchesAManualComputationAndRestoresTheMode(LossKind loss, bool batchNormModel)
    {
        using var scope = NewDisposeScope();
        const int n = 50, k = 3;
        var (x, y) = Images(n, 5);
        using nn.Module<Tensor, Tensor> model = batchNormModel ? TinyVgg(4) : new Mlp(64, [8], k, Activation.Tanh);
        var xin = batchNormModel ? x : x.reshape(n, 64);
        if (batchNormModel)
        {
            // Give the BatchNorm layers running statistics different from their initial (0, 1).
            model.train();
            using (no_grad()) model.forward(xin * 2 + 1);
        }
        // Independent: the whole set at once, in eval mode, then the loss and accuracy in doubles.
        model.eval();
        double[] o;
        using (no_grad()) o = Doubles(model.forward(xin));
        var labels = y.data<long>().ToArray();
        double lossSum = 0;
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            var row = o.Skip(i * k).Take(k).ToArray();
            if (Array.IndexOf(row, row.Max()) == labels[i]) correct++;
            if (loss == LossKind.CrossEntropy)
                lossSum += Math.Log(row.Sum(Math.Exp)) - row[labels[i]];
            else
                lossSum += Enumerable.Range(0, k).Sum(c => Math.Pow(row[c] - (c == labels[i] ? 1 : 0), 2)) / k;
        }
        foreach (bool training in new[] { true, false })
        {
            model.train(training);
            var result = ClassifierTrainer.Evaluate(model, xin, y, loss, k, 7); // 7 does not divide 50
            Assert.Equal(lossSum / n, result.MeanLoss, 1e-5);
            Assert.Equal((double)correct / n, result.Accuracy);
            Assert.Equal(training, model.training);
            Assert.All(model.modules(), m => Assert.Equal(training, m.training));
        }
    }

    [Theory]
    [InlineData(LossKind.CrossEntropy)]
    [InlineData(LossKind.Mse)]
    public void PredictProbabilitiesIsTheFunctionHInEvalModeOnTheInputsDevice(LossKind loss)
    {
        using var scope = NewDisposeScope();
        const int n = 23, k = 3;
        var (x, _) = Images(n, 6);
        using var model = TinyVgg(7);
        model.eval();
        Tensor expected;
        using (no_grad()) expected = ClassificationLosses.Probabilities(model.forward(x), loss);
        model.train();
        var p = ClassifierTrainer.PredictProbabilities(model, x, loss, 5);
        Assert.Equal([(long)n, k], p.shape);
        Assert.Equal(ScalarType.Float32, p.dtype);
        Assert.Equal(x.device_type, p.device_type);
        Assert.Equal(x.device_index, p.device_index);
        Assert.False(p.requires_grad);
        Assert.True(model.training);
        Assert.True(p.allclose(expected, rtol: 1e-5, atol: 1e-6));
        if (loss == LossKind.CrossEntropy)
            Assert.True(p.sum(1).allclose(ones(n), rtol: 0, atol: 1e-5));
        var flat = ClassifierTrainer.PredictProbabilitiesArray(model, x, loss, 5);
        Assert.Equal(p.data<float>().ToArray(), flat);
    }

    [Fact]
    public void IdenticalRunsGiveBitIdenticalParameters()
    {
        Dictionary<string, double[]> Run()
        {
            var (x, y) = Images(24, 8);
            using (x)
            using (y)
            using (var model = TinyVgg(9))
            using (var opt = Sgd(model))
            using (var trainer = new ClassifierTrainer(model, x, y, LossKind.CrossEntropy, 3, opt, 8, 11))
            {
                RunEpochs(trainer, new LearningRateSchedule(0.05, ScheduleKind.Cosine, 1, 1, 3), 0, 3);
                return Snapshot(model);
            }
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var key in a.Keys) Assert.Equal(a[key], b[key]);
        using var init = TinyVgg(9);
        Assert.NotEqual(Snapshot(init)["_classifier.weight"], a["_classifier.weight"]); // training moved them
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ResumingFromACheckpointIsBitIdenticalToTrainingStraight(bool batchNormModel)
    {
        const int classes = 3;
        var schedule = new LearningRateSchedule(0.05, ScheduleKind.Step, 1, 0.5, 2);
        var (images, labels) = Images(40, 12);
        using var scope = NewDisposeScope();
        var inputs = batchNormModel ? images : images.reshape(40, 64);
        nn.Module<Tensor, Tensor> Make(int seed) => batchNormModel ? TinyVgg(seed) : new Mlp(64, [16], classes, Activation.Relu);
        const ulong samplerSeed = 21;

        manual_seed(13);
        Dictionary<string, double[]> straight;
        using (var model = Make(13))
        using (var opt = Sgd(model))
        using (var trainer = new ClassifierTrainer(model, inputs, labels, LossKind.CrossEntropy, classes, opt, 16, samplerSeed))
        {
            RunEpochs(trainer, schedule, 0, 2);
            straight = Snapshot(model);
        }

        var dir = Path.Combine(Path.GetTempPath(), "freqscope-classifier-resume-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            manual_seed(13);
            using (var model = Make(13))
            using (var opt = Sgd(model))
            using (var trainer = new ClassifierTrainer(model, inputs, labels, LossKind.CrossEntropy, classes, opt, 16, samplerSeed))
            {
                RunEpochs(trainer, schedule, 0, 1);
                Checkpoint.Save(dir, trainer.StepsPerEpoch, new Dictionary<string, long>(),
                    [new ModuleCheckpointPart(model), new OptimizerCheckpointPart(opt), new SamplerCheckpointPart(trainer.Sampler), new RngCheckpointPart()]);
            }

            // Fresh objects: another initialization, another sampler seed, an optimizer without momentum buffers.
            manual_seed(99);
            randn(5);
            using var resumed = Make(99);
            var fresh = Snapshot(resumed);
            using var freshOpt = Sgd(resumed, lr: 0.7);
            using var freshTrainer = new ClassifierTrainer(resumed, inputs, labels, LossKind.CrossEntropy, classes, freshOpt, 16, 777);
            var checkpoint = Checkpoint.Load(dir,
                [new ModuleCheckpointPart(resumed), new OptimizerCheckpointPart(freshOpt), new SamplerCheckpointPart(freshTrainer.Sampler), new RngCheckpointPart()]);
            Assert.Equal(freshTrainer.StepsPerEpoch, checkpoint.Step);
            RunEpochs(freshTrainer, schedule, 1, 2);
            var after = Snapshot(resumed);

            Assert.Equal(straight.Keys, after.Keys);
            foreach (var key in straight.Keys) Assert.Equal(straight[key], after[key]);
            var someWeight = straight.Keys.First(key => key.EndsWith("weight"));
            Assert.NotEqual(fresh[someWeight], after[someWeight]);
            if (batchNormModel)
            {
                var means = straight.Keys.Where(key => key.EndsWith("running_mean")).ToList();
                Assert.NotEmpty(means);
                Assert.All(means, key => Assert.Equal(straight[key], after[key]));
                Assert.Contains(means, key => straight[key].Any(v => v != 0)); // the statistics were really updated
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CheckpointRestoresBatchNormRunningStatistics()
    {
        var (x, y) = Images(16, 14);
        using var scope = NewDisposeScope();
        var dir = Path.Combine(Path.GetTempPath(), "freqscope-classifier-bn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Dictionary<string, double[]> saved;
            using (var model = TinyVgg(15))
            using (var opt = Sgd(model))
            using (var trainer = new ClassifierTrainer(model, x * 3 + 2, y, LossKind.Mse, 3, opt, 8, 1))
            {
                for (int i = 0; i < 4; i++) trainer.Step();
                saved = Snapshot(model);
                Checkpoint.Save(dir, 4, new Dictionary<string, long>(), [new ModuleCheckpointPart(model), new OptimizerCheckpointPart(opt)]);
            }
            using var loaded = TinyVgg(16);
            using var opt2 = Sgd(loaded);
            Assert.NotEqual(saved.First(kv => kv.Key.EndsWith("running_var")).Value, Snapshot(loaded).First(kv => kv.Key.EndsWith("running_var")).Value);
            Checkpoint.Load(dir, [new ModuleCheckpointPart(loaded), new OptimizerCheckpointPart(opt2)]);
            var restored = Snapshot(loaded);
            var buffers = loaded.named_buffers().Select(b => b.name).ToList();
            Assert.Contains(buffers, b => b.EndsWith("running_mean"));
            Assert.Contains(buffers, b => b.EndsWith("running_var"));
            Assert.Contains(buffers, b => b.EndsWith("num_batches_tracked"));
            foreach (var name in buffers) Assert.Equal(saved[name], restored[name]);
            Assert.Equal([4.0], restored[buffers.First(b => b.EndsWith("num_batches_tracked"))]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowOverManyStepsAndEvaluations()
    {
        var (bx, by) = Blobs(64, 3);
        var (ix, iy) = Images(24, 4);
        using (bx)
        using (by)
        using (ix)
        using (iy)
        using (var mlp = SmallMlp(5))
        using (var vgg = TinyVgg(6))
        using (var mlpOpt = Sgd(mlp))
        using (var vggOpt = OptimizerFactory.Create(OptimizerKind.Adam, 1e-3, 0, false, 0.9, 0.999, 0, vgg.parameters()))
        using (var mlpTrainer = new ClassifierTrainer(mlp, bx, by, LossKind.CrossEntropy, 2, mlpOpt, 16, 1))
        using (var vggTrainer = new ClassifierTrainer(vgg, ix, iy, LossKind.Mse, 3, vggOpt, 8, 2))
        {
            void Round(int steps)
            {
                for (int i = 0; i < steps; i++)
                {
                    mlpTrainer.Step();
                    if (i % 4 == 0) vggTrainer.Step();
                }
                ClassifierTrainer.Evaluate(mlp, bx, by, LossKind.CrossEntropy, 2, 20);
                ClassifierTrainer.Evaluate(vgg, ix, iy, LossKind.Mse, 3, 10);
                using (var p = ClassifierTrainer.PredictProbabilities(vgg, ix, LossKind.CrossEntropy, 10)) { }
                ClassifierTrainer.PredictProbabilitiesArray(mlp, bx, LossKind.Mse, 30);
            }
            Round(8); // optimizer state is created on the first steps
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = Tensor.TotalCount;
            for (int r = 0; r < 4; r++) Round(50);
            Assert.Equal(before, Tensor.TotalCount);
        }
    }

    [Fact]
    public void BadDataIsRejectedAndADisposedTrainerRefusesToStep()
    {
        using var scope = NewDisposeScope();
        using var model = SmallMlp(0);
        using var opt = Sgd(model);
        var x = zeros(4, 2);
        Assert.Throws<ArgumentException>(() => new ClassifierTrainer(model, x, zeros(4, dtype: int32), LossKind.Mse, 2, opt, 2, 0));
        Assert.Throws<ArgumentException>(() => new ClassifierTrainer(model, x, zeros(3, dtype: int64), LossKind.Mse, 2, opt, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassifierTrainer(model, x, zeros(4, dtype: int64), LossKind.Mse, 2, opt, 0, 0));
        var trainer = new ClassifierTrainer(model, x, zeros(4, dtype: int64), LossKind.Mse, 2, opt, 2, 0);
        trainer.Step();
        trainer.Dispose();
        Assert.Throws<ObjectDisposedException>(trainer.Step);
    }
}
