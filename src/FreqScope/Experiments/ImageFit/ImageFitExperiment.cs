using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Data;
using FreqScope.Spectral;

namespace FreqScope.Experiments.ImageFit;

/// <summary>
/// The <c>image-fit</c> experiment kind: a natural image as a function. An MLP (plain, or behind a Fourier-feature
/// encoding) maps (x, y) = (j/W, i/H) ∈ [0, 1)² to the grey value of pixel (i, j); it is trained full-batch on the
/// pixels with i and j both even (a quarter, Tancik et al.'s setting) and tested on the rest.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="ImageFitProbeConfig.Every"/> steps the prediction on the full grid is recorded: train and test
/// MSE and PSNR (10 log10(1/MSE), peak 1) in metrics.csv, and, from the 2-D DFTs of prediction and image
/// (<see cref="ImageSpectrum"/>), the relative error of each radial band of |k| in bands.csv. At
/// <see cref="ImageFitProbeConfig.Snapshots"/> evenly spaced probes the prediction itself goes to predictions.csv.
/// When training ends, each band's first step below ε and the spectral-bias index (bands coarse to fine: +1) go
/// to summary.json.
/// </para>
/// <para>
/// Resume: a checkpoint (parameters, optimizer state, step, row counts) is saved every
/// <see cref="ImageFitTrainingConfig.CheckpointEvery"/> steps and on interruption; <c>--resume</c> cuts the CSV
/// files back to it and continues, ending with the same numbers as an uninterrupted run (full-batch, no sampling).
/// </para>
/// </remarks>
public sealed class ImageFitExperiment : ExperimentKind<ImageFitExperiment, ImageFitExperimentConfig, ImageFitSummary>
{
    /// <summary>Metrics file name.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>Band errors file name.</summary>
    public const string BandsFile = "bands.csv";

    /// <summary>Prediction snapshots file name.</summary>
    public const string PredictionsFile = "predictions.csv";

    /// <summary>Image file name.</summary>
    public const string ImageFile = "image.csv";

    /// <summary>The kind (use <see cref="ExperimentKind{TSelf, TConfig, TSummary}.Instance"/>).</summary>
    public ImageFitExperiment()
        : base(ImageFitExperimentConfig.ImageFit, ImageFitConfigJson.Default)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> SweepMetrics { get; } = ["finalTestPsnr", "finalTrainPsnr", "spectralBiasIndex"];

    /// <summary>A generated image at most 16 pixels square, hidden widths ≤ 32, at most 40 steps probed every ≤ 10.</summary>
    protected override ImageFitExperimentConfig Shrink(ImageFitExperimentConfig config)
    {
        long steps = Math.Min(config.Training.Steps, 40);
        var image = config.Image.Source == ImageSourceConfig.Generated ? config.Image with { Size = Math.Min(config.Image.Size, 16) } : config.Image;
        var encoding = config.Model.Encoding.Kind == InputEncodingKind.Gaussian
            ? config.Model.Encoding with { Features = Math.Min(config.Model.Encoding.Features, 32) }
            : config.Model.Encoding;
        return config with
        {
            Image = image,
            Model = config.Model with { Hidden = config.Model.Hidden.Select(h => Math.Min(h, 32)).ToList(), Encoding = encoding },
            Training = config.Training with { Steps = steps, CheckpointEvery = Math.Min(config.Training.CheckpointEvery, 20) },
            Probe = config.Probe with { Every = Math.Clamp(config.Probe.Every, 1, Math.Min(10, steps)) },
        };
    }

    /// <summary>Loads the image the config names: (height, width, row-major pixels in [0, 1]).</summary>
    /// <exception cref="DataFileException">A PGM file is missing or malformed.</exception>
    public static (int Height, int Width, double[] Pixels) LoadImage(ImageSourceConfig image, string? configDirectory)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Source == ImageSourceConfig.Generated) return (image.Size, image.Size, GeneratedImage.Create(image.Size));
        return PgmImage.Read(Path.GetFullPath(Path.Combine(configDirectory ?? Environment.CurrentDirectory, image.Path!)));
    }

    /// <summary>The probe steps: 0, every, 2·every, … and the last step.</summary>
    public static IReadOnlyList<long> ProbeSteps(ImageFitExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var steps = new List<long>();
        for (long s = 0; s < config.Training.Steps; s += config.Probe.Every) steps.Add(s);
        steps.Add(config.Training.Steps);
        return steps;
    }

    /// <summary>The probe steps whose predictions are saved: the first, the last and evenly spaced ones between.</summary>
    public static IReadOnlySet<long> SnapshotSteps(ImageFitExperimentConfig config)
    {
        var probes = ProbeSteps(config);
        int n = Math.Min(config.Probe.Snapshots, probes.Count);
        var set = new SortedSet<long>();
        for (int s = 0; s < n; s++) set.Add(probes[(int)Math.Round(s * (probes.Count - 1) / (double)Math.Max(1, n - 1))]);
        return set;
    }

    /// <inheritdoc/>
    protected override IRunSession Open(ImageFitExperimentConfig config, RunContext context)
    {
        // A PGM's path is stored absolute, so that --resume (which has no config folder) finds it again.
        if (config.Image.Source == ImageSourceConfig.Pgm && !Path.IsPathRooted(config.Image.Path))
            config = config with { Image = config.Image with { Path = Path.GetFullPath(Path.Combine(context.ConfigDirectory ?? Environment.CurrentDirectory, config.Image.Path!)) } };
        Validate(config);
        return new ImageFitSession(config, context);
    }

    /// <summary>The network, and (a generated image, whose size the config gives) every pixel's activations and their gradients.</summary>
    protected override IReadOnlyList<MemoryNeed> MemoryNeeds(ImageFitExperimentConfig config)
    {
        int inputs = config.Model.Encoding.EncodedWidth(2);
        var network = MemoryNeed.Network("model.hidden", config.Model.Hidden, inputs, 1);
        if (config.Image.Source != ImageSourceConfig.Generated) return [network];
        long pixels = (long)config.Image.Size * config.Image.Size;
        return [network, MemoryNeed.Activations("model.hidden", network.Value, pixels, [inputs, .. config.Model.Hidden, 1], training: true, $"the activations of all {pixels} pixels and their gradients")];
    }

    /// <inheritdoc/>
    public override ReportResult BuildReport(string runDir) => ImageFitReport.Build(runDir);

    /// <summary><c>--steps</c> sets training.steps, and probe.every to at most that.</summary>
    protected override IReadOnlyList<CliAlias> OwnAliases =>
        [Alias("--steps", "sets training.steps, and probe.every to at most that", (value, c) => StepsAlias.Expand("--steps", value, "training.steps", ("probe.every", c.Probe.Every)))];

    /// <inheritdoc/>
    protected override IReadOnlyList<ScalarSeries> Scalars(ImageFitExperimentConfig config) =>
        [
            new(MetricsFile, "step", [], ["train_mse", "train_psnr", "test_mse", "test_psnr"]),
            new(BandsFile, "step", ["band"], ["relative_error"]),
        ];

    /// <inheritdoc/>
    public override string Describe(RunProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"step {progress.Step,7}  train PSNR {progress["trainPsnr"],6:F2} dB  test PSNR {progress["testPsnr"],6:F2} dB");

    /// <summary>Checks, before the run folder is created, that the image loads and has at least 4 × 4 pixels.</summary>
    /// <exception cref="ConfigException">The image cannot be read or is too small; the message names $.image.path.</exception>
    public static void Validate(ImageFitExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Image.Source != ImageSourceConfig.Pgm) return;
        int h, w;
        try
        {
            (h, w, _) = LoadImage(config.Image, null);
        }
        catch (DataFileException e)
        {
            throw new ConfigException("config", "$.image.path", e.Message);
        }

        if (h < 4 || w < 4) throw new ConfigException("config", "$.image.path", $"the image is {w} × {h} pixels; expected at least 4 × 4");
    }

    /// <summary>summary.json from metrics.csv and bands.csv of a finished run.</summary>
    internal static ImageFitSummary Summarise(ImageFitExperimentConfig config, string runDir, long step, double trainingSeconds)
    {
        var (h, w, _) = LoadImage(config.Image, null);
        var metrics = ImageFitMetricRow.Csv.Read(runDir);
        var bandRows = ImageFitBandRow.Csv.Read(runDir);
        var steps = metrics.Select(m => m.Step).ToList();
        var bands = new List<ImageFitBandSummary>();
        var converged = new List<long?>();
        var centres = new List<double>();
        for (int b = 0; b < config.Probe.Bands; b++)
        {
            var rows = bandRows.Where(r => r.Band == b).ToList();
            var c = Convergence.Analyze(rows.Select(r => r.Step).ToList(), rows.Select(r => r.RelativeError).ToList(), config.Probe.Epsilon);
            bands.Add(new ImageFitBandSummary(b, rows[0].Low, rows[0].High, rows[^1].RelativeError, c.ConvergedAtStep));
            if (double.IsNaN(rows[^1].RelativeError)) continue;
            converged.Add(c.ConvergedAtStep);
            centres.Add(b);
        }

        double? index = SpectralBiasIndex.Compute(centres, converged);
        var last = metrics[^1];
        string verdict = ImageFitVerdict.Build(metrics[0].TestPsnr, last.TestPsnr, last.TrainPsnr,
            [.. bands.Select(b => b.ConvergedAtStep)], config.Probe.Epsilon, index);
        return new ImageFitSummary
        {
            Height = h,
            Width = w,
            StepsCompleted = step,
            InitialTestPsnr = metrics[0].TestPsnr,
            FinalTrainPsnr = last.TrainPsnr,
            FinalTestPsnr = last.TestPsnr,
            Epsilon = config.Probe.Epsilon,
            Bands = bands,
            SpectralBiasIndex = index,
            Verdict = verdict,
            TrainingSeconds = trainingSeconds,
        };
    }
}
