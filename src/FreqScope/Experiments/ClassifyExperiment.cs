using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments;

/// <summary>
/// The <c>classify</c> experiment: train an image classifier on MNIST, Fashion-MNIST or CIFAR-10 and, every
/// <see cref="ClassifyProbeConfig.Every"/> epochs, measure how the network's function h (softmax probabilities for
/// cross-entropy, raw outputs for MSE) approaches the one-hot labels y at low and high frequencies, by the filtering
/// method (Gaussian low-pass in input space) and the projection method (non-uniform DFT along a data direction).
/// Writes <c>metrics.csv</c>, <c>filtering.csv</c>, <c>projection.csv</c> and <c>summary.json</c> (see docs/run-folder.md).
/// </summary>
public static class ClassifyExperiment
{
    /// <summary>Largest training subset of a smoke run.</summary>
    public const int SmokeTrainCount = 500;

    /// <summary>Largest test subset of a smoke run.</summary>
    public const int SmokeTestCount = 200;

    /// <summary>A much shorter version of <paramref name="config"/>: at most 2 epochs on at most 500 training and 200 test images, probed every epoch, at most 4 path pairs of each kind, a VGG at most a quarter as wide.</summary>
    public static ClassifyExperimentConfig Smoke(ClassifyExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        static SubsetConfig Shrink(SubsetConfig s, int most) => s with { Count = Math.Min(s.Count ?? most, most) };
        var filtering = config.Probe.Filtering;
        if (filtering?.Samples is int samples) filtering = filtering with { Samples = Math.Min(samples, SmokeTrainCount) };
        return config with
        {
            Data = config.Data with { Train = Shrink(config.Data.Train, SmokeTrainCount), Test = Shrink(config.Data.Test, SmokeTestCount) },
            Model = config.Model.Kind == ClassifierKind.Vgg ? config.Model with { WidthMultiplier = Math.Min(config.Model.WidthMultiplier, 0.25) } : config.Model,
            Training = config.Training with
            {
                Epochs = Math.Min(config.Training.Epochs, 2),
                BatchSize = Math.Min(config.Training.BatchSize, 100),
            },
            Probe = config.Probe with
            {
                Every = 1,
                Filtering = filtering,
                Paths = config.Probe.Paths is { } paths ? paths with { Within = Math.Min(paths.Within, 4), Between = Math.Min(paths.Between, 4) } : null,
            },
        };
    }

    /// <summary>Runs (or resumes) the experiment; returns when it finishes, fails or is cancelled (after saving).</summary>
    /// <exception cref="ConfigException">The config does not fit the dataset (a subset larger than the split, a direction of the wrong length…).</exception>
    /// <exception cref="DataFileException">A dataset file is missing, truncated or corrupt.</exception>
    public static ClassifyRunResult Run(ClassifyExperimentConfig config, ClassifyRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var load = NativeLoader.EnsureLoaded();
        var runDir = Path.GetFullPath(options.RunDirectory);
        RunManifest? previous = null;
        Checkpoint? checkpoint = null;
        DatasetPair data;
        if (options.Resume)
        {
            var configPath = RunFolder.ResumeConfigPath(runDir);
            config = ConfigLoader.Parse<ClassifyExperimentConfig>(File.ReadAllText(configPath), configPath);
            previous = RunFolder.ReadResumableManifest(runDir);
            data = LoadData(config, options);
            Prepared.Check(config, data);
        }
        else
        {
            // The data folder is stored absolute, so that --resume (which has no config folder) finds it again.
            if (config.Data.Dir is string dir && !Path.IsPathRooted(dir))
                config = config with { Data = config.Data with { Dir = Path.GetFullPath(Path.Combine(options.ConfigDirectory ?? Environment.CurrentDirectory, dir)) } };
            // Bad input is reported before anything is written: the dataset files, the subsets, the device.
            data = LoadData(config, options);
            Prepared.Check(config, data);
            DeviceSelector.Resolve(config.Device);
            RunFolder.Create(runDir, ConfigLoader.ToJsonAny(config));
        }

        var device = DeviceSelector.Resolve(config.Device);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        bool smoke = previous?.Smoke ?? options.Smoke;
        Session? session = null;
        long step = 0;
        int epochsDone = 0;
        RunManifest Manifest(string status, string? error = null) =>
            RunManifest.Create(load, device, config.Seed, previous, started, clock, status, smoke, checkpoint?.Step, error) with
            {
                Experiment = ClassifyExperimentConfig.Classify,
                StepsCompleted = step,
                StepsPlanned = session is null ? 0 : (long)session.StepsPerEpoch * config.Training.Epochs,
                EpochsCompleted = epochsDone,
                EpochsPlanned = config.Training.Epochs,
            };

        try
        {
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            session = new Session(config, options, runDir, device, data);
            int stepsPerEpoch = session.StepsPerEpoch;
            if (options.Resume)
            {
                checkpoint = Checkpoint.Load(runDir, session.Model, session.Trainer.Optimizer);
                Checkpoint.RestoreRng(checkpoint.TorchRngState);
                session.Trainer.Sampler.Restore(checkpoint.SamplerState, checkpoint.SamplerPermutation, checkpoint.SamplerPosition);
                step = checkpoint.Step;
                epochsDone = (int)(step / stepsPerEpoch);
                session.OpenFiles(checkpoint.FileRows);
            }
            else
            {
                session.OpenFiles(null);
            }

            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            if (!options.Resume) session.Probe(0, step, clock.Elapsed);
            int epochs = config.Training.Epochs;
            while (epochsDone < epochs)
            {
                session.SetEpoch(epochsDone);
                while (step < (long)(epochsDone + 1) * stepsPerEpoch)
                {
                    if (cancellation.IsCancellationRequested)
                    {
                        session.SaveCheckpoint(step);
                        RunFolder.WriteManifest(runDir, Manifest(RunStatus.Interrupted));
                        var partial = session.WriteSummary(epochsDone, step, finished: false);
                        if (options.BuildReport) RunReport.Build(runDir);
                        return new ClassifyRunResult(runDir, RunStatus.Interrupted, epochsDone, step, partial);
                    }

                    session.Trainer.Step();
                    step++;
                    if (step % 20 == 0) session.ReportProgress(epochsDone, step, clock.Elapsed);
                }

                epochsDone++;
                if (epochsDone % config.Probe.Every == 0 || epochsDone == epochs) session.Probe(epochsDone, step, clock.Elapsed);
                if (epochsDone % config.Training.CheckpointEvery == 0 && epochsDone < epochs)
                {
                    session.SaveCheckpoint(step);
                    RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
                }
            }

            var summary = session.WriteSummary(epochsDone, step, finished: true);
            session.SaveCheckpoint(step);
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Finished));
            if (options.BuildReport) RunReport.Build(runDir);
            return new ClassifyRunResult(runDir, RunStatus.Finished, epochsDone, step, summary);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            session?.CloseFiles();
            RunFolder.MarkFailed(runDir, Manifest(RunStatus.Failed, e.Message));
            throw;
        }
        finally
        {
            session?.Dispose();
        }
    }

    private static DatasetPair LoadData(ClassifyExperimentConfig config, ClassifyRunOptions options)
    {
        var dir = config.Data.Dir;
        options.OnMessage?.Invoke($"loading {config.Data.Dataset} from {dir ?? "the cache folder"}");
        return DatasetStore.Load(config.Data.Dataset, dir, config.Data.Download, options.OnMessage);
    }

    /// <summary>The training and test images and labels as a run uses them: subset, normalised, flattened.</summary>
    internal sealed class Prepared
    {
        public required ImageDataset Train { get; init; }
        public required ImageDataset Test { get; init; }

        /// <summary>How many training labels the label noise changed (0 without it).</summary>
        public int NoisyLabels { get; init; }

        /// <summary>φ of each training image: the distance from the mean image, or the coordinate along the first principal component.</summary>
        internal static double[] Coordinate(ImageDataset d, LabelNoiseCoordinate along)
        {
            int n = d.Count, f = d.Features;
            if (along == LabelNoiseCoordinate.Projection)
                return FreqScope.Spectral.ProjectionDirection.Project(d.Pixels, n, f, FreqScope.Spectral.Pca.Compute(d.Pixels, n, f, 1).Components[0]);
            var mean = new double[f];
            for (int i = 0; i < n; i++)
                for (int k = 0; k < f; k++) mean[k] += d.Pixels[i * f + k];
            for (int k = 0; k < f; k++) mean[k] /= n;
            var phi = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int k = 0; k < f; k++) sum += (d.Pixels[i * f + k] - mean[k]) * (d.Pixels[i * f + k] - mean[k]);
                phi[i] = Math.Sqrt(sum);
            }

            return phi;
        }

        private const string Source = "config";

        /// <summary>Checks what only the dataset can tell: subset sizes, the direction's length, class indices.</summary>
        public static void Check(ClassifyExperimentConfig config, DatasetPair data)
        {
            void CheckCount(SubsetConfig s, ImageDataset split, string key, string what)
            {
                if (s.Count is int n && n > split.Count)
                    throw new ConfigException(Source, $"$.data.{key}.count", $"{n} is out of range; {config.Data.Dataset}'s {what} split has {split.Count} images");
                if (s.Subset == SubsetKind.Balanced && s.Count is int m && m < split.ClassCount)
                    throw new ConfigException(Source, $"$.data.{key}.count", $"{m} is out of range; a balanced subset needs at least one image per class ({split.ClassCount})");
            }

            CheckCount(config.Data.Train, data.Train, "train", "training");
            CheckCount(config.Data.Test, data.Test, "test", "test");
            int trainCount = config.Data.Train.Count ?? data.Train.Count;
            int features = data.Train.Features;
            if (config.Probe.Filtering?.Samples is int samples && samples > trainCount)
                throw new ConfigException(Source, "$.probe.filtering.samples", $"{samples} is out of range; expected at most the training count ({trainCount})");
            if (config.Probe.Projection is { } p)
            {
                if (p.Direction.Kind == DirectionKind.Vector && p.Direction.Values.Count != features)
                    throw new ConfigException(Source, "$.probe.projection.direction.values", $"has {p.Direction.Values.Count} numbers; expected {features}, one per input feature of {config.Data.Dataset} ({data.Train.Channels}×{data.Train.Height}×{data.Train.Width})");
                if (p.Direction.Kind == DirectionKind.Pca && p.Direction.Component > Math.Min(features, trainCount - 1))
                    throw new ConfigException(Source, "$.probe.projection.direction.component", $"{p.Direction.Component} is out of range; expected at most {Math.Min(features, trainCount - 1)}");
                if (p.OutputComponent is int c && c >= data.Train.ClassCount)
                    throw new ConfigException(Source, "$.probe.projection.outputComponent", $"{c} is out of range; expected a class index below {data.Train.ClassCount}");
            }
        }

        /// <summary>The subsets, normalised; <see cref="Check"/> has already accepted <paramref name="config"/> for <paramref name="data"/>.</summary>
        public static Prepared Create(ClassifyExperimentConfig config, DatasetPair data)
        {
            var train = RandomizeLabels(data.Train.Select(Pick(config.Data.Train, data.Train, config.Seed)), config.Data.RandomLabels, config.Seed);
            var test = data.Test.Select(Pick(config.Data.Test, data.Test, config.Seed + 1));
            if (config.Data.ImageFilter is { } filter)
            {
                train = Filter(train, filter);
                test = Filter(test, filter);
            }

            var normalized = PixelNormalizer.Apply(train, test, config.Data.Normalization);
            var noisy = normalized.Train;
            int changed = 0;
            if (config.Data.LabelNoise is { } noise)
            {
                var phi = Coordinate(noisy, noise.Along);
                (var labels, changed) = LabelNoise.Apply(noisy.Labels, noisy.ClassCount, phi, noise.Amplitude, noise.Frequency, unchecked(config.Seed * 7919 + 0x401));
                noisy = new ImageDataset(noisy.Name, noisy.Channels, noisy.Height, noisy.Width, noisy.Pixels, labels, noisy.ClassCount);
            }

            return new Prepared
            {
                Train = noisy,
                Test = normalized.Test,
                NoisyLabels = changed,
            };
        }

        private static ImageDataset Filter(ImageDataset d, ImageFilterConfig filter)
        {
            var pixels = filter.Kind == ImageFilterKind.LowPass
                ? ImageFilter.LowPass(d.Pixels, d.Count, d.Channels, d.Height, d.Width, filter.Sigma)
                : ImageFilter.HighPass(d.Pixels, d.Count, d.Channels, d.Height, d.Width, filter.Sigma);
            return new ImageDataset(d.Name, d.Channels, d.Height, d.Width, pixels, d.Labels, d.ClassCount);
        }

        /// <summary>
        /// <paramref name="fraction"/> of the images (the first ⌊fraction·n⌉ of a seeded permutation) get a label drawn
        /// uniformly among the classes from a generator seeded with <paramref name="seed"/>.
        /// </summary>
        internal static ImageDataset RandomizeLabels(ImageDataset train, double fraction, long seed)
        {
            if (fraction <= 0) return train;
            var random = new SplitMix64(unchecked(seed * 1_000_003 + 0x1ABE1));
            int n = train.Count, changed = (int)Math.Round(fraction * n);
            var order = Enumerable.Range(0, n).ToArray();
            for (int i = n - 1; i > 0; i--)
            {
                int j = (int)(random.NextUInt64() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }

            var labels = (byte[])train.Labels.Clone();
            for (int r = 0; r < changed; r++) labels[order[r]] = (byte)(random.NextUInt64() % (ulong)train.ClassCount);
            return new ImageDataset(train.Name, train.Channels, train.Height, train.Width, train.Pixels, labels, train.ClassCount);
        }

        private static int[] Pick(SubsetConfig s, ImageDataset split, long seed)
        {
            int n = s.Count ?? split.Count;
            return s.Subset switch
            {
                SubsetKind.Random => DatasetSubsets.Random(split.Count, n, seed),
                SubsetKind.Balanced => DatasetSubsets.Balanced(split.Labels, split.ClassCount, n, seed),
                _ => DatasetSubsets.First(split.Count, n),
            };
        }
    }

    /// <summary>Everything one run holds: data tensors, network, trainer, spectral probes, open files, history.</summary>
    private sealed class Session : IDisposable
    {
        private readonly ClassifyExperimentConfig _config;
        private readonly ClassifyRunOptions _options;
        private readonly string _runDir;
        private readonly Tensor _xTrain, _yTrain, _xTest, _yTest;
        private readonly int _classes;
        private readonly LearningRateSchedule _schedule;
        private readonly FilteringProbe? _filtering;
        private readonly ProjectionProbe? _projection;
        private readonly PathProbe? _paths;
        private readonly int? _noisyLabels;
        private readonly Device _device;
        private readonly List<int> _probeEpochs = [];
        private double _trainLoss = double.NaN, _trainAccuracy = double.NaN, _testLoss = double.NaN, _testAccuracy = double.NaN;
        private readonly RunTable _metrics;

        public nn.Module<Tensor, Tensor> Model { get; }
        public ClassifierTrainer Trainer { get; }
        public int StepsPerEpoch => Trainer.StepsPerEpoch;

        public Session(ClassifyExperimentConfig config, ClassifyRunOptions options, string runDir, Device device, DatasetPair data)
        {
            _config = config;
            _options = options;
            _runDir = runDir;
            _metrics = new RunTable(runDir, ClassifyRunFolderReader.MetricsFile, ClassifyRunFolderReader.MetricsHeader);
            var prepared = Prepared.Create(config, data);
            _noisyLabels = config.Data.LabelNoise is null ? null : prepared.NoisyLabels;
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
            var optimizer = OptimizerFactory.Create(t.Optimizer, t.LearningRate, t.Momentum, t.Nesterov, t.Beta1, t.Beta2, t.WeightDecay, Model.parameters());
            Trainer = new ClassifierTrainer(Model, _xTrain, _yTrain, t.Loss, _classes, optimizer, t.BatchSize,
                unchecked((ulong)config.Seed * 0x9E3779B97F4A7C15UL + 7), t.LabelSmoothing, t.Mixup, t.Augment,
                [train.Channels, train.Height, train.Width]);
            _schedule = new LearningRateSchedule(t.LearningRate, t.Schedule, t.StepEpochs, t.Gamma, t.Epochs);

            var oneHot = OneHot(train.Labels, _classes);
            if (config.Probe.Filtering is { } f)
            {
                options.OnMessage?.Invoke($"filtering: preparing Gaussian kernels for {f.Samples ?? train.Count} images and {f.Deltas.Count} δ");
                _filtering = new FilteringProbe(f, train, oneHot, _classes, device, runDir);
            }

            if (config.Probe.Projection is { } p)
            {
                options.OnMessage?.Invoke($"projection: computing the direction ({JsonNames.Of(p.Direction.Kind)}) and the target's spectrum");
                _projection = new ProjectionProbe(p, train, oneHot, _classes, runDir);
            }

            _device = device;
            if (config.Probe.Paths is { } paths)
            {
                options.OnMessage?.Invoke($"paths: choosing {paths.Within} within-class and {paths.Between} between-class pairs of test images");
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

        public void SetEpoch(int epoch) => OptimizerFactory.SetLearningRate(Trainer.Optimizer, _schedule.At(epoch));

        /// <summary>metrics.csv and the probes' files.</summary>
        private IEnumerable<RunTable> Tables =>
            new[] { _metrics, _filtering?.Table, _projection?.Table, _paths?.Table }.OfType<RunTable>();

        public void OpenFiles(IReadOnlyDictionary<string, long>? rows)
        {
            foreach (var table in Tables) table.Open(rows);
            if (rows is not null) ReloadHistory();
        }

        public void CloseFiles()
        {
            foreach (var table in Tables) table.Dispose();
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

        public void ReportProgress(int epoch, long step, TimeSpan elapsed) =>
            _options.OnProgress?.Invoke(new ClassifyProgress(epoch, _config.Training.Epochs, step,
                (long)StepsPerEpoch * _config.Training.Epochs, _trainLoss, _trainAccuracy, _testAccuracy, elapsed));

        /// <summary>Evaluates the network on the training and test sets and runs the spectral probes.</summary>
        public void Probe(int epoch, long step, TimeSpan elapsed)
        {
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

            _metrics.Append(string.Join(',',
                epoch.ToString(CultureInfo.InvariantCulture), step.ToString(CultureInfo.InvariantCulture),
                CsvFormat.FormatDouble(_schedule.At(Math.Min(epoch, _config.Training.Epochs - 1))),
                CsvFormat.FormatDouble(_trainLoss), CsvFormat.FormatDouble(_trainAccuracy),
                CsvFormat.FormatDouble(_testLoss), CsvFormat.FormatDouble(_testAccuracy)));
            _probeEpochs.Add(epoch);
            ReportProgress(epoch, step, elapsed);
        }

        public void SaveCheckpoint(long step)
        {
            FlushAll();
            var (state, perm, pos) = Trainer.Sampler.Save();
            var rows = new Dictionary<string, long>();
            foreach (var table in Tables) table.RecordRows(rows);
            Checkpoint.Save(_runDir, new Checkpoint(step, state, perm, pos, Checkpoint.CaptureRng(), rows), Model, Trainer.Optimizer);
        }

        private void FlushAll()
        {
            foreach (var table in Tables) table.Flush();
        }

        public ClassifySummary WriteSummary(int epochs, long step, bool finished)
        {
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
                Verdict = string.Join(" ", verdicts),
            };
            RunFolder.WriteSummary(_runDir, summary);
            return summary;
        }

        public void Dispose()
        {
            CloseFiles();
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
}
