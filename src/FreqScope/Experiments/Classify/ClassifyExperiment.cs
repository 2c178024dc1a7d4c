using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Reporting;
using FreqScope.Spectral;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The <c>classify</c> experiment kind: train an image classifier on MNIST, Fashion-MNIST or CIFAR-10 and, every
/// <see cref="ClassifyProbeConfig.Every"/> epochs, measure how the network's function h (softmax probabilities for
/// cross-entropy, raw outputs for MSE) approaches the one-hot labels y at low and high frequencies, by the filtering
/// method (Gaussian low-pass in input space) and the projection method (non-uniform DFT along a data direction).
/// Writes <c>metrics.csv</c>, <c>filtering.csv</c>, <c>projection.csv</c> and <c>summary.json</c> (see docs/run-folder.md).
/// </summary>
public sealed class ClassifyExperiment : ExperimentKind<ClassifyExperiment, ClassifyExperimentConfig, ClassifySummary>
{
    /// <summary>The kind (use <see cref="ExperimentKind{TSelf, TConfig, TSummary}.Instance"/>).</summary>
    public ClassifyExperiment()
        : base(ClassifyExperimentConfig.Classify, ClassifyConfigJson.Default)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> SweepMetrics { get; } =
    [
        "finalTestAccuracy", "finalTestLoss", "finalTrainAccuracy", "finalTrainLoss",
        "filtering.deltas[0].lowFrequencyRatio", "filtering.deltas[0].finalLowError", "filtering.deltas[0].finalHighError",
        "projection.spectralBiasIndex",
        "paths.finalWithinHighPower", "paths.finalBetweenHighPower", "paths.finalWithinHighFraction", "paths.finalBetweenHighFraction",
        "noisyLabels",
    ];

    /// <summary>Largest training subset of a smoke run.</summary>
    public const int SmokeTrainCount = 500;

    /// <summary>Largest test subset of a smoke run.</summary>
    public const int SmokeTestCount = 200;

    /// <summary>A much shorter version of <paramref name="config"/>: at most 2 epochs on at most 500 training and 200 test images, probed every epoch, at most 4 path pairs of each kind, a VGG at most a quarter as wide.</summary>
    protected override ClassifyExperimentConfig Shrink(ClassifyExperimentConfig config)
    {
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

    /// <summary>Loads the dataset and checks the config against it (subset sizes, the direction, class indices) before anything is written.</summary>
    /// <exception cref="ConfigException">The config does not fit the dataset.</exception>
    /// <exception cref="DataFileException">A dataset file is missing, truncated or corrupt.</exception>
    protected override IRunSession Open(ClassifyExperimentConfig config, RunContext context)
    {
        // The data folder is stored absolute, so that --resume (which has no config folder) finds it again.
        if (config.Data.Dir is string dir && !Path.IsPathRooted(dir))
            config = config with { Data = config.Data with { Dir = Path.GetFullPath(Path.Combine(context.ConfigDirectory ?? Environment.CurrentDirectory, dir)) } };
        context.Message($"loading {config.Data.Dataset} from {config.Data.Dir ?? "the cache folder"}");
        var data = DatasetStore.Load(config.Data.Dataset, config.Data.Dir, config.Data.Download, context.Message);
        if (data.IdentityNote is { } note) context.Notice(note);
        Prepared.Check(config, data);
        return new ClassifySession(config, context, data);
    }

    /// <summary>
    /// The network (an MLP, the CNN or a VGG, counted from the data set's image shape) and the values a training
    /// batch (with their gradients) and an evaluation batch leave in its layers; a batch counts at most the rows of
    /// the split it is drawn from.
    /// </summary>
    protected override IReadOnlyList<MemoryNeed> MemoryNeeds(ClassifyExperimentConfig config)
    {
        var data = DatasetCatalog.Get(config.Data.Dataset);
        int inputs = data.Channels * data.Height * data.Width, classes = data.ClassCount;
        var m = config.Model;
        var (parameters, layerValues) = m.Kind switch
        {
            ClassifierKind.Mlp => (MemoryNeed.Parameters(m.Hidden, inputs, classes), [.. m.Hidden, classes]),
            ClassifierKind.Cnn => FilterCnn.Count(data.Channels, data.Height, data.Width, classes),
            _ => Vgg.Count(m.Depth, m.WidthMultiplier, m.BatchNorm, data.Channels, data.Height, data.Width, classes),
        };
        // The network's size is named by the key that sets it: an MLP's widths, a VGG's multiplier (a CNN has no size key).
        var (key, value) = m.Kind switch
        {
            ClassifierKind.Mlp => ("model.hidden", MemoryNeed.Spell(m.Hidden)),
            ClassifierKind.Cnn => ("model.kind", "\"cnn\""),
            _ => ("model.widthMultiplier", m.WidthMultiplier.ToString("R", CultureInfo.InvariantCulture)),
        };
        IReadOnlyList<int> layers = [inputs, .. layerValues];
        // Batches hold at most the split they are drawn from.
        long train = config.Data.Train.Count ?? data.TrainCount, test = config.Data.Test.Count ?? data.TestCount;
        return
        [
            MemoryNeed.Network(key, value, parameters),
            MemoryNeed.Activations("training.batchSize", MemoryNeed.Spell(config.Training.BatchSize), Math.Min(config.Training.BatchSize, train), layers, training: true, "a training batch's activations and their gradients"),
            MemoryNeed.Activations("probe.evalBatchSize", MemoryNeed.Spell(config.Probe.EvalBatchSize), Math.Min(config.Probe.EvalBatchSize, Math.Max(train, test)), layers, training: false, "an evaluation batch's widest layer"),
        ];
    }

    /// <inheritdoc/>
    public override ReportResult BuildReport(string runDir) => ClassifyReport.Build(runDir);

    /// <summary><c>--epochs</c> sets training.epochs; <c>--data DIR</c> sets data.dir to an existing folder and data.download to false.</summary>
    protected override IReadOnlyList<CliAlias> OwnAliases =>
    [
        CliAlias.For("--epochs", "training.epochs"),
        Alias("--data", "sets data.dir (local files only, never downloaded)", (dir, c) =>
        {
            if (!Directory.Exists(dir)) throw new ArgumentException($"--data \"{dir}\": no such folder; expected a folder holding the {c.Data.Dataset} files");
            var label = $"--data {dir}";
            return [new ConfigOverride("data.dir", System.Text.Json.JsonSerializer.Serialize(Path.GetFullPath(dir)), label), new ConfigOverride("data.download", "false", label)];
        }),
    ];

    /// <inheritdoc/>
    protected override IReadOnlyList<ScalarSeries> Scalars(ClassifyExperimentConfig config) =>
        [
            new(ClassifyRunFolderReader.MetricsFile, "epoch", [], ["train_loss", "train_accuracy", "test_loss", "test_accuracy"]),
            new(ClassifyRunFolderReader.FilteringFile, "epoch", ["delta"], ["e_low", "e_high"]),
            new(ClassifyRunFolderReader.PathsFile, "epoch", ["kind", "frequency"], ["density"]),
            new(ClassifyRunFolderReader.ProjectionFile, "epoch", ["index"], ["delta_complex", "delta_magnitude"])
            {
                KeepKeys = ScalarSeries.Peaks("index", "target_abs", config.Probe.Projection?.MinRelativeHeight ?? 0.05),
            },
        ];

    /// <inheritdoc/>
    public override string Describe(RunProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {progress["epoch"],3}/{progress["epochs"]}  train acc {progress["trainAccuracy"],6:P1}  test acc {progress["testAccuracy"],6:P1}");

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
}
