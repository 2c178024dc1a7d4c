using System.Diagnostics;
using System.Globalization;
using System.Text;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Spectral;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments;

/// <summary>
/// The <c>image-fit</c> experiment: a natural image as a function. An MLP (plain, or behind a Fourier-feature
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
public static class ImageFitExperiment
{
    /// <summary>Metrics file name.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>Band errors file name.</summary>
    public const string BandsFile = "bands.csv";

    /// <summary>Prediction snapshots file name.</summary>
    public const string PredictionsFile = "predictions.csv";

    /// <summary>Image file name.</summary>
    public const string ImageFile = "image.csv";

    /// <summary>A much shorter version for smoke tests: a generated image at most 16 pixels square, hidden widths ≤ 32, at most 40 steps probed every ≤ 10.</summary>
    public static ImageFitExperimentConfig Smoke(ImageFitExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
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

    /// <summary>Runs (or resumes) the experiment; returns when it finishes, fails or is cancelled (after saving).</summary>
    /// <exception cref="ConfigException">The image cannot be loaded or is too small.</exception>
    public static ImageFitRunResult Run(ImageFitExperimentConfig config, ImageFitRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var load = NativeLoader.EnsureLoaded();
        var runDir = Path.GetFullPath(options.RunDirectory);
        RunManifest? previous = null;
        Checkpoint? checkpoint = null;
        if (options.Resume)
        {
            config = ConfigLoader.LoadAnyFile(RunFolder.ResumeConfigPath(runDir)) as ImageFitExperimentConfig
                ?? throw new InvalidOperationException($"cannot resume {runDir}: its config.json is not an {ImageFitExperimentConfig.ImageFit} experiment");
            previous = RunFolder.ReadResumableManifest(runDir);
        }
        else
        {
            ArgumentNullException.ThrowIfNull(config);
            if (config.Image.Source == ImageSourceConfig.Pgm && !Path.IsPathRooted(config.Image.Path))
                config = config with { Image = config.Image with { Path = Path.GetFullPath(Path.Combine(options.ConfigDirectory ?? Environment.CurrentDirectory, config.Image.Path!)) } };
            Validate(config);
            DeviceSelector.Resolve(config.Device);
            RunFolder.Create(runDir, ConfigLoader.ToJsonAny(config));
        }

        var device = DeviceSelector.Resolve(config.Device);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        bool smoke = previous?.Smoke ?? options.Smoke;
        long step = 0;
        RunManifest Manifest(string status, string? error = null) =>
            RunManifest.Create(load, device, config.Seed, previous, started, clock, status, smoke, checkpoint?.Step, error)
            with
            { Experiment = ImageFitExperimentConfig.ImageFit, StepsCompleted = step, StepsPlanned = config.Training.Steps };

        Session? session = null;
        try
        {
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            session = new Session(config, runDir, device, options.OnProgress);
            if (options.Resume)
            {
                checkpoint = Checkpoint.Load(runDir, session.Model, session.Optimizer);
                step = checkpoint.Step;
                session.Open(checkpoint.FileRows);
            }
            else
            {
                session.WriteImage();
                session.Open(null);
                session.Probe(0);
            }

            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            long total = config.Training.Steps;
            while (step < total)
            {
                if (cancellation.IsCancellationRequested)
                {
                    session.SaveCheckpoint(step);
                    RunFolder.WriteManifest(runDir, Manifest(RunStatus.Interrupted));
                    if (options.BuildReport) ImageFitReport.Build(runDir);
                    return new ImageFitRunResult(runDir, RunStatus.Interrupted, step, null);
                }

                session.Step();
                step++;
                if (step % config.Probe.Every == 0 || step == total) session.Probe(step);
                if (step % config.Training.CheckpointEvery == 0 && step < total)
                {
                    session.SaveCheckpoint(step);
                    RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
                }
            }

            double trainingSeconds = (previous?.WallSeconds ?? 0) + clock.Elapsed.TotalSeconds;
            session.SaveCheckpoint(step);
            session.Close();
            var summary = Summarise(config, runDir, step, trainingSeconds);
            RunFolder.WriteSummary(runDir, summary);
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Finished));
            if (options.BuildReport) ImageFitReport.Build(runDir);
            return new ImageFitRunResult(runDir, RunStatus.Finished, step, summary);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            session?.Close();
            RunFolder.MarkFailed(runDir, Manifest(RunStatus.Failed, e.Message));
            throw;
        }
        finally
        {
            session?.Dispose();
        }
    }

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
    private static ImageFitSummary Summarise(ImageFitExperimentConfig config, string runDir, long step, double trainingSeconds)
    {
        var (h, w, _) = LoadImage(config.Image, null);
        var metrics = ImageFitRunFolderReader.ReadMetrics(runDir);
        var bandRows = ImageFitRunFolderReader.ReadBands(runDir);
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
        var inv = CultureInfo.InvariantCulture;
        var convergedBands = bands.Where(b => b.ConvergedAtStep is not null).OrderBy(b => b.ConvergedAtStep).ThenBy(b => b.Band).Select(b => b.Band.ToString(inv)).ToList();
        string order = convergedBands.Count == 0 ? "no band fell below ε" : $"bands converged in the order {string.Join(", ", convergedBands)}";
        string direction = index switch
        {
            > 0.3 => "coarse to fine",
            < -0.3 => "fine to coarse",
            null => "order undefined",
            _ => "no clear order",
        };
        string verdict = string.Create(inv,
            $"Test PSNR {metrics[0].TestPsnr:F1} → {last.TestPsnr:F1} dB (train {last.TrainPsnr:F1} dB); {order} (ε = {config.Probe.Epsilon:G3}); spectral-bias index {(index is double i ? i.ToString("F2", inv) : "n/a")}: {direction}.");
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

    /// <summary>One run's network, pixels and open files.</summary>
    private sealed class Session : IDisposable
    {
        private readonly ImageFitExperimentConfig _config;
        private readonly string _runDir;
        private readonly int _height, _width;
        private readonly double[] _image;
        private readonly System.Numerics.Complex[] _imageSpectrum;
        private readonly bool[] _isTrain;
        private readonly Tensor _grid, _xTrain, _yTrain;
        private readonly IReadOnlySet<long> _snapshots;
        private readonly double[] _bandEdges;
        private readonly Action<long, double, double>? _onProgress;
        private CsvTable? _metricsCsv, _bandsCsv, _predictionsCsv;

        public nn.Module<Tensor, Tensor> Model { get; }
        public optim.Optimizer Optimizer { get; }

        public Session(ImageFitExperimentConfig config, string runDir, Device device, Action<long, double, double>? onProgress)
        {
            _config = config;
            _runDir = runDir;
            _onProgress = onProgress;
            (_height, _width, _image) = LoadImage(config.Image, null);
            _imageSpectrum = ImageSpectrum.Forward(_image, _height, _width);
            _bandEdges = ImageSpectrum.BandEdges(_height, _width, config.Probe.Bands);
            _snapshots = SnapshotSteps(config);
            int n = _height * _width;
            var coordinates = new float[2 * n];
            _isTrain = new bool[n];
            var trainIndex = new List<long>();
            for (int i = 0; i < _height; i++)
            {
                for (int j = 0; j < _width; j++)
                {
                    int k = i * _width + j;
                    coordinates[2 * k] = (float)((double)j / _width);
                    coordinates[2 * k + 1] = (float)((double)i / _height);
                    _isTrain[k] = i % 2 == 0 && j % 2 == 0;
                    if (_isTrain[k]) trainIndex.Add(k);
                }
            }

            Model = NetworkFactory.Create(config.Model, config.Seed, 2);
            Model.to(device);
            _grid = tensor(coordinates, device: device).reshape(n, 2);
            using (var index = tensor(trainIndex.ToArray(), device: device))
            {
                _xTrain = _grid.index_select(0, index);
                _yTrain = tensor(trainIndex.Select(k => (float)_image[k]).ToArray(), device: device).reshape(trainIndex.Count, 1);
            }

            var t = config.Training;
            Optimizer = OptimizerFactory.Create(t.Optimizer, t.LearningRate, t.Momentum, t.Nesterov, t.Beta1, t.Beta2, t.WeightDecay, Model.parameters());
        }

        public void WriteImage()
        {
            var sb = new StringBuilder(ImageFitRunFolderReader.ImageHeader).Append('\n');
            var inv = CultureInfo.InvariantCulture;
            for (int i = 0; i < _height; i++)
                for (int j = 0; j < _width; j++)
                    sb.Append(i.ToString(inv)).Append(',').Append(j.ToString(inv)).Append(',').Append(CsvFormat.FormatDouble(_image[i * _width + j]))
                        .Append(',').Append(_isTrain[i * _width + j] ? "train" : "test").Append('\n');
            AtomicFile.WriteAllText(Path.Combine(_runDir, ImageFile), sb.ToString());
        }

        public void Open(IReadOnlyDictionary<string, long>? rows)
        {
            _metricsCsv = CsvTable.Open(Path.Combine(_runDir, MetricsFile), ImageFitRunFolderReader.MetricsHeader, rows?[MetricsFile]);
            _bandsCsv = CsvTable.Open(Path.Combine(_runDir, BandsFile), ImageFitRunFolderReader.BandsHeader, rows?[BandsFile]);
            _predictionsCsv = CsvTable.Open(Path.Combine(_runDir, PredictionsFile), ImageFitRunFolderReader.PredictionsHeader, rows?[PredictionsFile]);
        }

        public void Close()
        {
            _metricsCsv?.Dispose();
            _bandsCsv?.Dispose();
            _predictionsCsv?.Dispose();
            _metricsCsv = _bandsCsv = _predictionsCsv = null;
        }

        /// <summary>One full-batch step on the mean squared error over the train pixels.</summary>
        public void Step()
        {
            using var scope = NewDisposeScope();
            Optimizer.zero_grad();
            var d = Model.forward(_xTrain) - _yTrain;
            (d * d).mean().backward();
            Optimizer.step();
        }

        /// <summary>Records metrics, band errors and (at snapshot steps) the prediction.</summary>
        public void Probe(long step)
        {
            double[] f;
            using (no_grad())
            using (NewDisposeScope())
            {
                f = Model.forward(_grid).reshape(-1).to(float64).cpu().data<double>().ToArray();
            }

            double trainSum = 0, testSum = 0;
            int trainCount = 0, testCount = 0;
            for (int k = 0; k < f.Length; k++)
            {
                double d = f[k] - _image[k];
                if (_isTrain[k]) { trainSum += d * d; trainCount++; }
                else { testSum += d * d; testCount++; }
            }

            double trainMse = trainSum / trainCount, testMse = testSum / testCount;
            if (!double.IsFinite(trainMse))
                throw new InvalidOperationException($"the train MSE is {trainMse} at step {step}: training diverged; lower training.learningRate ({_config.Training.LearningRate.ToString("R", CultureInfo.InvariantCulture)})");
            string s = step.ToString(CultureInfo.InvariantCulture);
            double trainPsnr = Psnr.FromMse(trainMse), testPsnr = Psnr.FromMse(testMse);
            _metricsCsv!.Append($"{s},{CsvFormat.FormatDouble(trainMse)},{CsvFormat.FormatDouble(trainPsnr)},{CsvFormat.FormatDouble(testMse)},{CsvFormat.FormatDouble(testPsnr)}");
            var errors = ImageSpectrum.BandRelativeErrors(ImageSpectrum.Forward(f, _height, _width), _imageSpectrum, _height, _width, _config.Probe.Bands);
            double half = Math.Min(_height, _width) / 2.0;
            for (int b = 0; b < errors.Length; b++)
            {
                double high = b + 1 < _bandEdges.Length ? _bandEdges[b + 1] : half;
                _bandsCsv!.Append(string.Create(CultureInfo.InvariantCulture, $"{s},{b},{CsvFormat.FormatDouble(_bandEdges[b])},{CsvFormat.FormatDouble(high)},{CsvFormat.FormatDouble(errors[b])}"));
            }

            if (_snapshots.Contains(step))
            {
                var inv = CultureInfo.InvariantCulture;
                for (int i = 0; i < _height; i++)
                    for (int j = 0; j < _width; j++)
                        _predictionsCsv!.Append(s + "," + i.ToString(inv) + "," + j.ToString(inv) + "," + CsvFormat.FormatDouble(f[i * _width + j]));
            }

            _onProgress?.Invoke(step, trainPsnr, testPsnr);
        }

        public void SaveCheckpoint(long step)
        {
            _metricsCsv!.Flush();
            _bandsCsv!.Flush();
            _predictionsCsv!.Flush();
            var rows = new Dictionary<string, long> { [MetricsFile] = _metricsCsv.Rows, [BandsFile] = _bandsCsv.Rows, [PredictionsFile] = _predictionsCsv.Rows };
            Checkpoint.Save(_runDir, new Checkpoint(step, 0, [], 0, "", rows), Model, Optimizer);
        }

        public void Dispose()
        {
            Close();
            _grid.Dispose();
            _xTrain.Dispose();
            _yTrain.Dispose();
            Optimizer.Dispose();
            Model.Dispose();
        }
    }
}
