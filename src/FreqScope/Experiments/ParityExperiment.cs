using System.Diagnostics;
using System.Globalization;
using System.Text;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Spectral;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments;

/// <summary>
/// The <c>parity</c> experiment (Xu et al. 2019, "Frequency Principle: Fourier analysis sheds light on deep neural
/// networks", §5): an MLP d → hidden → 1 trained on the MSE to the ±1 parity labels of part of {−1, 1}^d, tested on
/// the rest. Parity is the highest-frequency Boolean function: seen as samples of a function on ℝ^d, its spectrum
/// Π_j sin² k_j lies at |k| = √d·π/2, far from the low frequencies a network learns first, so the network fits the
/// training points (100 % training accuracy) and generalises no better than chance.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="ParityProbeConfig.Every"/> steps the losses and sign accuracies of both sets go to metrics.csv,
/// and the shell powers P_f(r) of the output and P_{f−y}(r) of the residual on the training points
/// (<see cref="RadialSpectrum"/>: ŷ(k) = (1/n) Σ_i y_i e^{−i k·x_i}, k in radians per unit of x, averaged over the
/// probe's seeded directions) to spectra.csv; the target's P_y(r) is in target-spectrum.csv. When training ends, the
/// shells are grouped into bands and each band's relative error √(Σ P_{f−y} / Σ P_y) at each probe goes to
/// bands.csv; the step at which it first falls below ε gives the spectral-bias index (docs/run-folder.md).
/// </para>
/// <para>
/// Resume: a checkpoint (parameters, optimizer state, step, row counts) is saved every
/// <see cref="ParityTrainingConfig.CheckpointEvery"/> steps and when the run is interrupted; the batch of a step
/// follows from the step and the seed alone, so a resumed run ends with the same numbers as an uninterrupted one.
/// </para>
/// </remarks>
public static class ParityExperiment
{
    /// <summary>Metrics file name.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>Spectra file name.</summary>
    public const string SpectraFile = "spectra.csv";

    /// <summary>Target spectrum file name.</summary>
    public const string TargetFile = "target-spectrum.csv";

    /// <summary>Band error file name.</summary>
    public const string BandsFile = "bands.csv";

    /// <summary>A much shorter version for smoke tests: at most 300 steps probed every ≤ 20, at most 31 shells and 16 directions.</summary>
    public static ParityExperimentConfig Smoke(ParityExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long steps = Math.Min(config.Training.Steps, 300);
        int radii = Math.Min(config.Probe.Radii, 31);
        return config with
        {
            Training = config.Training with { Steps = steps, CheckpointEvery = Math.Min(config.Training.CheckpointEvery, 100) },
            Probe = config.Probe with
            {
                Every = Math.Clamp(config.Probe.Every, 1, Math.Min(20, steps)),
                Radii = radii,
                Directions = Math.Min(config.Probe.Directions, 16),
                Bands = Math.Min(config.Probe.Bands, radii),
            },
        };
    }

    /// <summary>Runs (or resumes) the experiment; returns when it finishes, fails or is cancelled (after saving).</summary>
    public static ParityRunResult Run(ParityExperimentConfig config, ParityRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var load = NativeLoader.EnsureLoaded();
        var runDir = Path.GetFullPath(options.RunDirectory);
        RunManifest? previous = null;
        Checkpoint? checkpoint = null;
        if (options.Resume)
        {
            config = ConfigLoader.LoadAnyFile(RunFolder.ResumeConfigPath(runDir)) as ParityExperimentConfig
                ?? throw new InvalidOperationException($"cannot resume {runDir}: its config.json is not a {ParityExperimentConfig.Parity} experiment");
            previous = RunFolder.ReadResumableManifest(runDir);
        }
        else
        {
            ArgumentNullException.ThrowIfNull(config);
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
            { Experiment = ParityExperimentConfig.Parity, StepsCompleted = step, StepsPlanned = config.Training.Steps };

        Session? session = null;
        try
        {
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            session = new Session(config, runDir, device);
            if (options.Resume)
            {
                checkpoint = Checkpoint.Load(runDir, session.Model, session.Optimizer);
                step = checkpoint.Step;
                session.Open(checkpoint.FileRows);
            }
            else
            {
                session.Open(null);
                var first = session.Probe(0);
                options.OnProgress?.Invoke(first);
            }

            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            long total = config.Training.Steps;
            while (step < total)
            {
                if (cancellation.IsCancellationRequested)
                {
                    session.SaveCheckpoint(step);
                    RunFolder.WriteManifest(runDir, Manifest(RunStatus.Interrupted));
                    if (options.BuildReport) ParityReport.Build(runDir);
                    return new ParityRunResult(runDir, RunStatus.Interrupted, step, null);
                }

                session.Step(step);
                step++;
                if (step % config.Probe.Every == 0 || step == total)
                {
                    var metrics = session.Probe(step);
                    options.OnProgress?.Invoke(metrics);
                }
                if (step % config.Training.CheckpointEvery == 0 && step < total)
                {
                    session.SaveCheckpoint(step);
                    RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
                }
            }

            double trainingSeconds = (previous?.WallSeconds ?? 0) + clock.Elapsed.TotalSeconds;
            var summary = session.Finish(trainingSeconds);
            session.SaveCheckpoint(step);
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Finished));
            if (options.BuildReport) ParityReport.Build(runDir);
            return new ParityRunResult(runDir, RunStatus.Finished, step, summary);
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

    /// <summary>
    /// The summary from the recorded rows (pure arrays): band errors per probe, their convergence, the index and the verdict.
    /// </summary>
    internal static (ParitySummary Summary, double[][] BandErrors) Summarise(
        ParityExperimentConfig config, IReadOnlyList<ParityMetricRow> metrics, IReadOnlyList<ParitySpectrumRow> spectra,
        IReadOnlyList<ParityTargetRow> target, double chance, double trainingSeconds)
    {
        var radii = target.Select(t => t.Radius).ToArray();
        var targetPower = target.Select(t => t.TrainPower).ToArray();
        int shells = radii.Length, bands = config.Probe.Bands;
        var steps = metrics.Select(m => m.Step).ToArray();
        var errors = new double[steps.Length][];
        for (int t = 0; t < steps.Length; t++)
        {
            var residual = spectra.Skip(t * shells).Take(shells).Select(r => r.ResidualPower).ToArray();
            errors[t] = RadialSpectrum.BandErrors(residual, targetPower, bands);
        }

        var bandSummaries = new ParityBandSummary[bands];
        var converged = new long?[bands];
        var centres = new double[bands];
        for (int b = 0; b < bands; b++)
        {
            var (lo, hi) = RadialSpectrum.BandShells(shells, bands, b);
            var history = errors.Select(e => double.IsNaN(e[b]) ? double.PositiveInfinity : e[b]).ToArray();
            converged[b] = Convergence.Analyze(steps, history, config.Probe.Epsilon).ConvergedAtStep;
            centres[b] = (radii[lo] + radii[hi - 1]) / 2;
            bandSummaries[b] = new ParityBandSummary(radii[lo], radii[hi - 1], targetPower[lo..hi].Sum(), errors.Length == 0 ? double.NaN : errors[^1][b], converged[b]);
        }

        double? index = converged.All(c => c is not null) && converged.Distinct().Count() == 1 ? 0 : SpectralBiasIndex.Compute(centres, converged);
        var last = metrics[^1];
        double theory = RadialSpectrum.ParityTheoryRadius(config.Data.Dimension);
        double peak = RadialSpectrum.FirstPeakRadius(radii, target.Select(t => t.AllPower).ToArray());
        long? full = metrics.FirstOrDefault(m => m.TrainAccuracy >= 1)?.Step;
        var summary = new ParitySummary
        {
            Finished = true,
            StepsCompleted = last.Step,
            Dimension = config.Data.Dimension,
            TrainCount = config.Data.TrainCount,
            TestCount = config.Data.TestCount,
            TrainAccuracy = last.TrainAccuracy,
            TestAccuracy = last.TestAccuracy,
            ChanceLevel = chance,
            FullTrainAccuracyAtStep = full,
            InitialTrainLoss = metrics[0].TrainLoss,
            FinalTrainLoss = last.TrainLoss,
            FinalTestLoss = last.TestLoss,
            TheoryPeakRadius = theory,
            TargetPeakRadius = peak,
            Epsilon = config.Probe.Epsilon,
            Bands = bandSummaries,
            SpectralBiasIndex = index,
            Verdict = Verdict(last, chance, full, peak, theory, bandSummaries, index),
            TrainingSeconds = trainingSeconds,
        };
        return (summary, errors);
    }

    private static string Verdict(ParityMetricRow last, double chance, long? full, double peak, double theory, ParityBandSummary[] bands, double? index)
    {
        var inv = CultureInfo.InvariantCulture;
        static string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        string fit = full is long s ? $"reached 100 % at step {s}" : "never reached 100 %";
        string accuracy = $"Training accuracy {P(last.TrainAccuracy)} ({fit}); test accuracy {P(last.TestAccuracy)} against a chance level of {P(chance)}.";
        string spectrum = string.Create(inv, $"The target's radial spectrum has its first peak at |k| = {peak:0.###} (theory √d·π/2 = {theory:0.###}).");
        var order = Enumerable.Range(0, bands.Length).Where(b => bands[b].ConvergedAtStep is not null).OrderBy(b => bands[b].ConvergedAtStep).ThenBy(b => b).ToArray();
        var never = Enumerable.Range(0, bands.Length).Where(b => bands[b].ConvergedAtStep is null).ToArray();
        string Band(int b) => string.Create(inv, $"[{bands[b].RadiusMin:0.##}, {bands[b].RadiusMax:0.##}]");
        string text = order.Length == 0 ? "No radius band converged below ε" : $"Radius bands converged in the order {string.Join(", ", order.Select(Band))}";
        if (never.Length > 0 && order.Length > 0) text += $"; {string.Join(", ", never.Select(Band))} did not";
        string indexText = index is double v ? v.ToString("+0.00;−0.00;0.00", inv) : "undefined";
        return $"{accuracy} {spectrum} {text} (spectral-bias index {indexText}).";
    }

    /// <summary>One run's network, data, tables and open files.</summary>
    private sealed class Session : IDisposable
    {
        private readonly ParityExperimentConfig _config;
        private readonly string _runDir;
        private readonly ParitySplit _split;
        private readonly Tensor _xTrain, _yTrain, _xTest, _yTest;
        private readonly RadialSpectrum _spectrum;
        private readonly double _chance;
        private int[]? _order;
        private long _orderEpoch = -1;
        private CsvTable? _metricsCsv, _spectraCsv;

        public Mlp Model { get; }

        public optim.Optimizer Optimizer { get; }

        public Session(ParityExperimentConfig config, string runDir, Device device)
        {
            _config = config;
            _runDir = runDir;
            _split = ParitySplit.Create(config.Data, config.Seed);
            _chance = ParitySplit.MajorityFraction(_split.TestLabels);
            var directions = RadialSpectrum.RandomDirections(config.Data.Dimension, config.Probe.Directions, config.Seed ^ 0x5DEECE66DL);
            var radii = config.Probe.RadiusGrid();
            _spectrum = new RadialSpectrum(_split.Train, radii, directions);
            var targetTrain = _spectrum.Power(_split.TrainLabels);
            var all = _split.Train.Concat(_split.Test).ToArray();
            var many = RadialSpectrum.RandomDirections(config.Data.Dimension, config.Probe.TargetDirections, config.Seed ^ 0x2545F4914F6CDD1DL);
            var targetAll = RadialSpectrum.PowerOnce(all, [.. _split.TrainLabels, .. _split.TestLabels], radii, many);
            var sb = new StringBuilder(ParityRunFolderReader.TargetHeader).Append('\n');
            for (int s = 0; s < radii.Length; s++)
                sb.Append(CsvFormat.FormatDouble(radii[s])).Append(',').Append(CsvFormat.FormatDouble(targetTrain[s])).Append(',').Append(CsvFormat.FormatDouble(targetAll[s])).Append('\n');
            AtomicFile.WriteAllText(Path.Combine(runDir, TargetFile), sb.ToString());

            manual_seed(config.Seed);
            Model = new Mlp(config.Data.Dimension, config.Model.Hidden, 1, config.Model.Activation);
            Initializer.Apply(Model, config.Model.WeightInit, config.Model.BiasInit);
            Model.to(device);
            var t = config.Training;
            Optimizer = OptimizerFactory.Create(t.Optimizer, t.LearningRate, t.Momentum, t.Nesterov, t.Beta1, t.Beta2, t.WeightDecay, Model.parameters());
            _xTrain = Points(_split.Train, device);
            _xTest = Points(_split.Test, device);
            _yTrain = tensor(_split.TrainLabels.Select(v => (float)v).ToArray(), device: device).reshape(-1, 1);
            _yTest = tensor(_split.TestLabels.Select(v => (float)v).ToArray(), device: device).reshape(-1, 1);
        }

        private static Tensor Points(double[][] points, Device device) =>
            tensor(points.SelectMany(p => p.Select(v => (float)v)).ToArray(), device: device).reshape(points.Length, points.Length == 0 ? 1 : points[0].Length);

        public void Open(IReadOnlyDictionary<string, long>? rows)
        {
            _metricsCsv = CsvTable.Open(Path.Combine(_runDir, MetricsFile), ParityRunFolderReader.MetricsHeader, rows?[MetricsFile]);
            _spectraCsv = CsvTable.Open(Path.Combine(_runDir, SpectraFile), ParityRunFolderReader.SpectraHeader, rows?[SpectraFile]);
        }

        public void Close()
        {
            _metricsCsv?.Dispose();
            _spectraCsv?.Dispose();
            _metricsCsv = _spectraCsv = null;
        }

        /// <summary>One optimizer step on the MSE of step <paramref name="step"/>'s batch.</summary>
        public void Step(long step)
        {
            using var scope = NewDisposeScope();
            Optimizer.zero_grad();
            Tensor x = _xTrain, y = _yTrain;
            int n = _split.Train.Length;
            if (_config.Training.BatchSize is int b && b < n)
            {
                long perEpoch = (n + b - 1) / b;
                long epoch = step / perEpoch;
                if (epoch != _orderEpoch)
                {
                    _order = Enumerable.Range(0, n).ToArray();
                    var random = new SplitMix64(unchecked(_config.Seed * 1_000_003 + epoch));
                    for (int i = n - 1; i > 0; i--)
                    {
                        int j = (int)(random.NextUInt64() % (ulong)(i + 1));
                        (_order[i], _order[j]) = (_order[j], _order[i]);
                    }

                    _orderEpoch = epoch;
                }

                int start = (int)(step % perEpoch) * b;
                var index = tensor(_order![start..Math.Min(n, start + b)].Select(v => (long)v).ToArray(), device: _xTrain.device);
                x = _xTrain.index_select(0, index);
                y = _yTrain.index_select(0, index);
            }

            var d = Model.forward(x) - y;
            (d * d).mean().backward();
            Optimizer.step();
        }

        private double[] Output(Tensor x)
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            return Model.forward(x).reshape(-1).to(float64).cpu().data<double>().ToArray();
        }

        private static (double Loss, double Accuracy) Score(double[] f, double[] y)
        {
            double loss = 0;
            int right = 0;
            for (int i = 0; i < f.Length; i++)
            {
                loss += (f[i] - y[i]) * (f[i] - y[i]);
                if ((f[i] >= 0 ? 1.0 : -1.0) == y[i]) right++;
            }

            return (loss / f.Length, (double)right / f.Length);
        }

        /// <summary>Records the metrics and the spectra; returns the metrics.</summary>
        public ParityMetricRow Probe(long step)
        {
            var fTrain = Output(_xTrain);
            var fTest = Output(_xTest);
            var (trainLoss, trainAccuracy) = Score(fTrain, _split.TrainLabels);
            var (testLoss, testAccuracy) = Score(fTest, _split.TestLabels);
            if (!double.IsFinite(trainLoss))
                throw new InvalidOperationException($"the loss is {trainLoss} at step {step}: training diverged; lower training.learningRate ({_config.Training.LearningRate.ToString("R", CultureInfo.InvariantCulture)})");
            var row = new ParityMetricRow(step, trainLoss, testLoss, trainAccuracy, testAccuracy);
            string s = step.ToString(CultureInfo.InvariantCulture);
            _metricsCsv!.Append(string.Join(',', s, CsvFormat.FormatDouble(trainLoss), CsvFormat.FormatDouble(testLoss), CsvFormat.FormatDouble(trainAccuracy), CsvFormat.FormatDouble(testAccuracy)));
            var output = _spectrum.Power(fTrain);
            var residual = _spectrum.Power(fTrain.Select((v, i) => v - _split.TrainLabels[i]).ToArray());
            for (int r = 0; r < output.Length; r++)
                _spectraCsv!.Append(string.Join(',', s, CsvFormat.FormatDouble(_spectrum.Radii[r]), CsvFormat.FormatDouble(output[r]), CsvFormat.FormatDouble(residual[r])));
            return row;
        }

        public void SaveCheckpoint(long step)
        {
            _metricsCsv!.Flush();
            _spectraCsv!.Flush();
            var rows = new Dictionary<string, long> { [MetricsFile] = _metricsCsv.Rows, [SpectraFile] = _spectraCsv.Rows };
            Checkpoint.Save(_runDir, new Checkpoint(step, 0, [], 0, "", rows), Model, Optimizer);
        }

        /// <summary>Writes bands.csv and summary.json from the rows on disk (those before a resume included).</summary>
        public ParitySummary Finish(double trainingSeconds)
        {
            _metricsCsv!.Flush();
            _spectraCsv!.Flush();
            var metrics = ParityRunFolderReader.ReadMetrics(_runDir);
            var spectra = ParityRunFolderReader.ReadSpectra(_runDir);
            var target = ParityRunFolderReader.ReadTarget(_runDir);
            var (summary, errors) = Summarise(_config, metrics, spectra, target, _chance, trainingSeconds);
            var sb = new StringBuilder(ParityRunFolderReader.BandsHeader).Append('\n');
            for (int t = 0; t < metrics.Length; t++)
                for (int b = 0; b < summary.Bands.Count; b++)
                    sb.Append(metrics[t].Step.ToString(CultureInfo.InvariantCulture)).Append(',').Append(b.ToString(CultureInfo.InvariantCulture)).Append(',')
                        .Append(CsvFormat.FormatDouble(summary.Bands[b].RadiusMin)).Append(',').Append(CsvFormat.FormatDouble(summary.Bands[b].RadiusMax)).Append(',')
                        .Append(CsvFormat.FormatDouble(errors[t][b])).Append('\n');
            AtomicFile.WriteAllText(Path.Combine(_runDir, BandsFile), sb.ToString());
            RunFolder.WriteSummary(_runDir, summary);
            return summary;
        }

        public void Dispose()
        {
            Close();
            _xTrain.Dispose();
            _yTrain.Dispose();
            _xTest.Dispose();
            _yTest.Dispose();
            Optimizer.Dispose();
            Model.Dispose();
        }
    }
}
