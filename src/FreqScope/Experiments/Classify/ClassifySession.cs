using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>Everything one classify run holds: data tensors, network, trainer, spectral probes, tables, history.</summary>
internal sealed class ClassifySession : IRunSession
{
    private readonly ClassifyExperimentConfig _config;
    private readonly RunContext _context;
    private readonly string _runDir;
    private readonly Tensor _xTrain, _yTrain, _xTest, _yTest;
    private readonly int _classes;
    private readonly LearningRateSchedule _schedule;
    private readonly FilteringProbe? _filtering;
    private readonly ProjectionProbe? _projection;
    private readonly PathProbe? _paths;
    private readonly int? _noisyLabels;
    private readonly string _dataIdentity;
    private readonly Device _device;
    private readonly List<int> _probeEpochs = [];
    private double _trainLoss = double.NaN, _trainAccuracy = double.NaN, _testLoss = double.NaN, _testAccuracy = double.NaN;
    private readonly RunTable<ClassifyMetricRow> _metrics;
    private int _epochSet = -1;

    public nn.Module<Tensor, Tensor> Model { get; }
    public ClassifierTrainer Trainer { get; }
    public int StepsPerEpoch => Trainer.StepsPerEpoch;

    public ClassifySession(ClassifyExperimentConfig config, RunContext context, DatasetPair data)
    {
        _config = config;
        _context = context;
        _runDir = context.RunDirectory;
        var runDir = _runDir;
        var device = context.Device;
        var options = context;
        _metrics = ClassifyMetricRow.Csv.Table(runDir);
        var prepared = ClassifyExperiment.Prepared.Create(config, data);
        _noisyLabels = config.Data.LabelNoise is null ? null : prepared.NoisyLabels;
        _dataIdentity = data.Identity == DataIdentity.Verified ? "verified" : "unverified";
        var train = prepared.Train;
        _classes = train.ClassCount;
        bool flat = config.Model.Kind == ClassifierKind.Mlp;
        _xTrain = ImageTensor(train, flat, device);
        _yTrain = LabelTensor(train.Labels, device);
        _xTest = ImageTensor(prepared.Test, flat, device);
        _yTest = LabelTensor(prepared.Test.Labels, device);

        manual_seed(config.Seed);
        Model = CreateModel(config.Model, train);
        Model.to(device);
        var t = config.Training;
        var optimizer = OptimizerFactory.Create(t, Model.parameters());
        Trainer = new ClassifierTrainer(Model, _xTrain, _yTrain, t.Loss, _classes, optimizer, t.BatchSize,
            unchecked((ulong)config.Seed * 0x9E3779B97F4A7C15UL + 7), t.LabelSmoothing, t.Mixup, t.Augment,
            [train.Channels, train.Height, train.Width]);
        _schedule = new LearningRateSchedule(t.LearningRate, t.Schedule, t.StepEpochs, t.Gamma, t.Epochs);

        var oneHot = OneHot(train.Labels, _classes);
        if (config.Probe.Filtering is { } f)
        {
            options.Message($"filtering: preparing Gaussian kernels for {f.Samples ?? train.Count} images and {f.Deltas.Count} δ");
            _filtering = new FilteringProbe(f, train, oneHot, _classes, device, runDir);
        }

        if (config.Probe.Projection is { } p)
        {
            options.Message($"projection: computing the direction ({JsonNames.Of(p.Direction.Kind)}) and the target's spectrum");
            _projection = new ProjectionProbe(p, train, oneHot, _classes, runDir);
        }

        _device = device;
        if (config.Probe.Paths is { } paths)
        {
            options.Message($"paths: choosing {paths.Within} within-class and {paths.Between} between-class pairs of test images");
            _paths = new PathProbe(paths, prepared.Test, flat, config.Seed, runDir);
        }
    }

    private static nn.Module<Tensor, Tensor> CreateModel(ClassifierModelConfig m, ImageDataset train)
    {
        switch (m.Kind)
        {
            case ClassifierKind.Mlp:
                var mlp = new Mlp(train.Features, m.Hidden, train.ClassCount, m.Activation);
                Initializer.Apply(mlp, m.WeightInit, m.BiasInit);
                return mlp;
            case ClassifierKind.Cnn:
                return new FilterCnn(train.Channels, train.Height, train.Width, train.ClassCount);
            default:
                return new Vgg(m.Depth, m.WidthMultiplier, m.BatchNorm, train.Channels, train.Height, train.Width, train.ClassCount);
        }
    }

    private static Tensor ImageTensor(ImageDataset d, bool flat, Device device)
    {
        using var cpu = flat
            ? tensor(d.Pixels, [d.Count, d.Features])
            : tensor(d.Pixels, [d.Count, d.Channels, d.Height, d.Width]);
        return cpu.to(device);
    }

    private static Tensor LabelTensor(byte[] labels, Device device)
    {
        using var cpu = tensor(labels.Select(l => (long)l).ToArray());
        return cpu.to(device);
    }

    private static float[] OneHot(byte[] labels, int classes)
    {
        var y = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++) y[i * classes + labels[i]] = 1;
        return y;
    }

    public IExperimentConfig Config => _config;

    /// <summary>Mini-batch steps; probes and checkpoints at epoch boundaries.</summary>
    public RunPlan Plan => new((long)StepsPerEpoch * _config.Training.Epochs)
    {
        ProbeEvery = (long)StepsPerEpoch * _config.Probe.Every,
        CheckpointEvery = (long)StepsPerEpoch * _config.Training.CheckpointEvery,
        StepsPerEpoch = StepsPerEpoch,
    };

    /// <summary>metrics.csv and the probes' files.</summary>
    public IReadOnlyList<RunTable> Tables => [.. new RunTable?[] { _metrics, _filtering?.Table, _projection?.Table, _paths?.Table }.OfType<RunTable>()];

    public IReadOnlyList<ICheckpointPart> CheckpointParts =>
        [new ModuleCheckpointPart(Model), new OptimizerCheckpointPart(Trainer.Optimizer), new SamplerCheckpointPart(Trainer.Sampler), new RngCheckpointPart()];

    public void Start(long? resumedAt)
    {
        _projection?.WriteDirection();
        if (resumedAt is not null) ReloadHistory();
    }

    /// <summary>One mini-batch step, the epoch's learning rate set first; progress every 20 steps.</summary>
    public bool Step(long step, CancellationToken cancellation)
    {
        int epoch = (int)(step / StepsPerEpoch);
        if (epoch != _epochSet)
        {
            OptimizerFactory.SetLearningRate(Trainer.Optimizer, _schedule.At(epoch));
            _epochSet = epoch;
        }

        Trainer.Step();
        if ((step + 1) % 20 == 0) _context.Progress(Progress(epoch, step + 1));
        return true;
    }

    /// <summary>Rebuilds the in-memory probe history from the (already cut back) data files of a resumed run.</summary>
    private void ReloadHistory()
    {
        FlushAll();
        var data = ClassifyRunFolderReader.Read(_runDir);
        _probeEpochs.AddRange(data.Metrics.Select(m => m.Epoch));
        if (data.Metrics.Count > 0)
        {
            var last = data.Metrics[^1];
            (_trainLoss, _trainAccuracy, _testLoss, _testAccuracy) = (last.TrainLoss, last.TrainAccuracy, last.TestLoss, last.TestAccuracy);
        }

        _filtering?.Reload(data.Filtering ?? []);
        _projection?.Reload(data.Projection ?? []);
        _paths?.Reload(data.Paths ?? []);
    }

    private RunProgress Progress(int epoch, long step) => _context.At(step, (long)StepsPerEpoch * _config.Training.Epochs,
        ("epoch", epoch), ("epochs", _config.Training.Epochs), ("trainLoss", _trainLoss), ("trainAccuracy", _trainAccuracy), ("testAccuracy", _testAccuracy));

    /// <summary>Evaluates the network on the training and test sets and runs the spectral probes (at an epoch's end).</summary>
    public RunProgress Probe(long step)
    {
        int epoch = (int)(step / StepsPerEpoch);
        using (var scope = NewDisposeScope())
        {
            var loss = _config.Training.Loss;
            int batch = _config.Probe.EvalBatchSize;
            var outputs = ClassifierTrainer.PredictOutputs(Model, _xTrain, batch);
            using (no_grad())
            {
                _trainLoss = ClassificationLosses.Compute(outputs, _yTrain, loss, _classes).to(float64).item<double>();
                _trainAccuracy = outputs.argmax(1).eq(_yTrain).sum().item<long>() / (double)_yTrain.shape[0];
            }

            var test = ClassifierTrainer.Evaluate(Model, _xTest, _yTest, loss, _classes, batch);
            (_testLoss, _testAccuracy) = (test.MeanLoss, test.Accuracy);
            // h goes to the host once; both methods read it from there (filtering also filters it on the device).
            var h = ClassificationLosses.Probabilities(outputs, loss).to(float32).contiguous();
            var hArray = h.cpu().data<float>().ToArray();
            _filtering?.Probe(epoch, h, hArray);
            _projection?.Probe(epoch, hArray);
            _paths?.Probe(epoch, Model, _device, batch);
        }

        _metrics.Append(new ClassifyMetricRow(epoch, step, _schedule.At(Math.Min(epoch, _config.Training.Epochs - 1)), _trainLoss, _trainAccuracy, _testLoss, _testAccuracy));
        _probeEpochs.Add(epoch);
        return Progress(epoch, step);
    }

    private void FlushAll()
    {
        foreach (var table in Tables) table.Flush();
    }

    public object Finish(long step, double trainingSeconds) => Summarize(step, finished: true);

    public object? Interrupt(long step) => Summarize(step, finished: false);

    private ClassifySummary Summarize(long step, bool finished)
    {
        int epochs = (int)(step / StepsPerEpoch);
        FlushAll();
        var filtering = _filtering?.Summarize(_probeEpochs);
        var projection = _projection?.Summarize(_probeEpochs);
        var verdicts = new List<string>();
        if (filtering is not null) verdicts.Add(filtering.Verdict);
        if (projection is not null) verdicts.Add(projection.Verdict);
        var paths = _paths?.Summarize();
        if (paths is { FinalWithinHighFraction: var w, FinalBetweenHighFraction: var b } && (w is not null || b is not null))
            verdicts.Add(string.Create(CultureInfo.InvariantCulture,
                $"Paths: {(w is double ww ? $"{ww:P1}" : "n/a")} (within classes) and {(b is double bb ? $"{bb:P1}" : "n/a")} (between) of the path-spectrum power lies above {paths.Cutoff:G3} cycles per unit distance."));
        var summary = new ClassifySummary
        {
            Finished = finished,
            EpochsCompleted = epochs,
            StepsCompleted = step,
            FinalTrainLoss = _trainLoss,
            FinalTrainAccuracy = _trainAccuracy,
            FinalTestLoss = _testLoss,
            FinalTestAccuracy = _testAccuracy,
            Filtering = filtering,
            Projection = projection,
            Paths = paths,
            NoisyLabels = _noisyLabels,
            DataIdentity = _dataIdentity,
            Verdict = string.Join(" ", verdicts),
        };
        return summary;
    }

    public void Dispose()
    {
        foreach (var table in Tables) table.Dispose();
        _filtering?.Dispose();
        Trainer.Dispose();
        Trainer.Optimizer.Dispose();
        Model.Dispose();
        _xTrain.Dispose();
        _yTrain.Dispose();
        _xTest.Dispose();
        _yTest.Dispose();
    }
}
