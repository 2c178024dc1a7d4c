using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Spectral;
using FreqScope.Theory;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments;

/// <summary>
/// The "fit a target function" experiment: train an MLP on samples of a 1-D target and, every
/// <see cref="ProbeConfig.Every"/> steps, compare the DFT of the network's output with the target's on the
/// uniform evaluation grid (see docs/run-folder.md for what is written and the DFT conventions).
/// </summary>
public static class FitExperiment
{

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A much shorter version of <paramref name="config"/> for smoke tests: at most 50 steps, probed every ≤10.</summary>
    public static FitExperimentConfig Smoke(FitExperimentConfig config) => config with
    {
        Training = config.Training with
        {
            Steps = Math.Min(config.Training.Steps, 50),
            CheckpointEvery = Math.Min(config.Training.CheckpointEvery, 20),
        },
        Probe = config.Probe with { Every = Math.Max(1, Math.Min(config.Probe.Every, 10)) },
    };

    /// <summary>Runs (or resumes) the experiment; returns when it finishes, fails or is cancelled (after saving).</summary>
    public static FitRunResult Run(FitExperimentConfig config, FitRunOptions options, CancellationToken cancellation = default)
    {
        var load = NativeLoader.EnsureLoaded();
        var runDir = Path.GetFullPath(options.RunDirectory);
        RunManifest? previous = null;
        Checkpoint? checkpoint = null;
        if (options.Resume)
        {
            config = ConfigLoader.LoadFile(RunFolder.ResumeConfigPath(runDir));
            previous = RunFolder.ReadResumableManifest(runDir);
        }
        else
        {
            // A CSV target's path is stored absolute, so that --resume (which has no config folder) finds it again.
            if (config.Target.Kind == TargetKind.Csv && config.Target.CsvPath is string csv && !Path.IsPathRooted(csv))
                config = config with { Target = config.Target with { CsvPath = Path.GetFullPath(Path.Combine(options.ConfigDirectory ?? Environment.CurrentDirectory, csv)) } };
            // Bad input is reported before anything is written: the target (a CSV file, say) and the device.
            TargetFactory.Create(config, options.ConfigDirectory);
            DeviceSelector.Resolve(config.Device);
            RunFolder.Create(runDir, ConfigLoader.ToJson(config));
        }

        var device = DeviceSelector.Resolve(config.Device);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        bool smoke = previous?.Smoke ?? options.Smoke;
        RunManifest Manifest(string status, long steps, string? error = null) =>
            RunManifest.Create(load, device, config.Seed, previous, started, clock, status, smoke, checkpoint?.Step, error)
            with { Experiment = FitExperimentConfig.Fit1d, StepsCompleted = steps, StepsPlanned = config.Training.Steps };

        Session? session = null;
        long step = 0;
        try
        {
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running, step));
            session = new Session(config, options, runDir, device);
            if (options.Resume)
            {
                checkpoint = Checkpoint.Load(runDir, session.Model, session.Trainer.Optimizer);
                Checkpoint.RestoreRng(checkpoint.TorchRngState);
                session.Trainer.Sampler.Restore(checkpoint.SamplerState, checkpoint.SamplerPermutation, checkpoint.SamplerPosition);
                step = checkpoint.Step;
                session.OpenFiles(checkpoint.FileRows);
            }
            else
            {
                session.OpenFiles(null);
            }
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running, step));

            if (!options.Resume) session.Probe(0, clock.Elapsed);
            long total = config.Training.Steps;
            bool stopEarly = false;
            while (step < total && !stopEarly)
            {
                if (cancellation.IsCancellationRequested)
                {
                    session.SaveCheckpoint(step);
                    RunFolder.WriteManifest(runDir, Manifest(RunStatus.Interrupted, step));
                    var partial = session.WriteSummary(step, finished: false);
                    if (options.BuildReport) FitReport.Build(runDir);
                    return new FitRunResult(runDir, RunStatus.Interrupted, step, partial);
                }
                session.Trainer.Step();
                step++;
                if (step % config.Probe.Every == 0 || step == total)
                {
                    double trainLoss = session.Probe(step, clock.Elapsed);
                    if (config.Training.StopAtLoss is double stopAt && trainLoss < stopAt) stopEarly = true;
                }
                if (step % config.Training.CheckpointEvery == 0 && step < total && !stopEarly)
                {
                    session.SaveCheckpoint(step);
                    RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running, step));
                }
            }
            if (!session.LastProbeIs(step)) session.Probe(step, clock.Elapsed);
            var summary = session.WriteSummary(step, finished: true);
            session.SaveCheckpoint(step);
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Finished, step));
            if (options.BuildReport) FitReport.Build(runDir);
            return new FitRunResult(runDir, RunStatus.Finished, step, summary);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            session?.CloseFiles();
            RunFolder.MarkFailed(runDir, Manifest(RunStatus.Failed, step, e.Message));
            throw;
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>Reads a run folder's manifest.json.</summary>
    public static RunManifest ReadManifest(string runDir) => RunFolder.ReadManifest(runDir);

    /// <summary>
    /// The probe steps that get an output snapshot: step 0, the last probe, and <paramref name="count"/> − 2 probes
    /// between them spaced geometrically (probes are at 0, every, 2·every, … and <paramref name="total"/>).
    /// </summary>
    internal static HashSet<long> SnapshotSteps(long total, int every, int count) => Session.SnapshotSteps(total, every, count);

    /// <summary>Everything one run holds: data, network, trainer, open files and the probe history.</summary>
    private sealed class Session : IDisposable
    {
        private readonly FitExperimentConfig _config;
        private readonly FitRunOptions _options;
        private readonly string _runDir;
        private readonly double[] _xTrain, _yTrain, _xEval, _yEval;
        private readonly bool _evalIsTrain;
        private readonly Tensor _xTrainT, _xEvalT;
        private readonly Complex[] _targetDft;
        private readonly int[] _peaks;
        private readonly int[] _kept;
        private readonly double _spacing;
        private readonly HashSet<long> _snapshotSteps;
        private readonly List<long> _probeSteps = [];
        private readonly List<double>[] _peakErrors;
        private double _lastTrainLoss = double.NaN, _lastTestLoss = double.NaN;
        private double[]? _lastEvalOutput;
        private CsvTable? _metrics, _spectra, _outputs;

        public nn.Module<Tensor, Tensor> Model { get; }
        public FitTrainer Trainer { get; }

        public Session(FitExperimentConfig config, FitRunOptions options, string runDir, Device device)
        {
            _config = config;
            _options = options;
            _runDir = runDir;
            var d = config.Data;
            var target = TargetFactory.Create(config, options.ConfigDirectory);
            _xTrain = d.Train.Sampling == Sampling.Uniform
                ? Grid.Uniform(d.DomainMin, d.DomainMax, d.Train.Count, d.Train.IncludeEndpoint)
                : Grid.Random(d.DomainMin, d.DomainMax, d.Train.Count, config.Seed);
            _yTrain = _xTrain.Select(target.Evaluate).ToArray();
            _xEval = Grid.Uniform(d.DomainMin, d.DomainMax, d.Eval.Count, d.Eval.IncludeEndpoint);
            _yEval = _xEval.Select(target.Evaluate).ToArray();
            _evalIsTrain = _xEval.AsSpan().SequenceEqual(_xTrain);
            _spacing = Grid.Spacing(d.DomainMin, d.DomainMax, d.Eval.Count, d.Eval.IncludeEndpoint);

            double[]? dy = null;
            if (config.Training.H1Weight > 0)
            {
                double h = 1e-6 * (d.DomainMax - d.DomainMin);
                dy = _xTrain.Select(x => (target.Evaluate(x + h) - target.Evaluate(x - h)) / (2 * h)).ToArray();
            }

            _targetDft = Dft.Forward(_yEval);
            var magnitudes = Dft.OneSidedMagnitudes(_targetDft);
            _peaks = PeakFinder.FindPeaks(magnitudes, config.Probe.MinRelativeHeight);
            int keep = Math.Min(config.Probe.Keep ?? magnitudes.Length, magnitudes.Length);
            _kept = Enumerable.Range(0, keep).Concat(_peaks).Distinct().Order().ToArray();
            _peakErrors = _peaks.Select(_ => new List<double>()).ToArray();
            _snapshotSteps = SnapshotSteps(config.Training.Steps, config.Probe.Every, config.Probe.Snapshots);

            Model = NetworkFactory.Create(config.Model, config.Seed);
            Model.to(device);
            Trainer = new FitTrainer(Model, _xTrain, _yTrain, dy, config.Training, config.Seed, device);
            _xTrainT = FitTrainer.ToColumn(_xTrain, device);
            _xEvalT = FitTrainer.ToColumn(_xEval, device);
        }

        /// <summary>
        /// Probe steps at which outputs.csv gets a snapshot: step 0, then <paramref name="count"/> − 1 probes spaced
        /// geometrically up to the last one (learning is fast early and slow late, so even spacing would show little).
        /// </summary>
        internal static HashSet<long> SnapshotSteps(long total, int every, int count)
        {
            var probes = new List<long>();
            for (long s = 0; s < total; s += every) probes.Add(s);
            probes.Add(total);
            int last = probes.Count - 1;
            var set = new HashSet<long> { probes[0], probes[last] };
            for (int i = 1; i < count - 1; i++)
                set.Add(probes[(int)Math.Clamp(Math.Round(Math.Pow(last, (double)(i - 1) / (count - 2))), 1, last)]);
            return set;
        }

        public void OpenFiles(IReadOnlyDictionary<string, long>? rows)
        {
            _metrics = CsvTable.Open(Path.Combine(_runDir, "metrics.csv"), RunFolderReader.MetricsHeader, rows?["metrics.csv"]);
            _spectra = CsvTable.Open(Path.Combine(_runDir, "spectra.csv"), RunFolderReader.SpectraHeader, rows?["spectra.csv"]);
            _outputs = CsvTable.Open(Path.Combine(_runDir, "outputs.csv"), RunFolderReader.OutputsHeader, rows?["outputs.csv"]);
            if (rows is not null) ReloadHistory();
        }

        public void CloseFiles()
        {
            _metrics?.Dispose();
            _spectra?.Dispose();
            _outputs?.Dispose();
            _metrics = _spectra = _outputs = null;
        }

        /// <summary>Rebuilds the in-memory probe history from the (already cut back) data files of a resumed run.</summary>
        private void ReloadHistory()
        {
            _metrics!.Flush();
            _spectra!.Flush();
            var data = RunFolderReader.Read(_runDir);
            var peakRow = _peaks.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
            _probeSteps.AddRange(data.Metrics.Select(m => m.Step));
            foreach (var row in data.Spectra)
                if (peakRow.TryGetValue(row.K, out int p))
                    _peakErrors[p].Add(_config.Probe.ErrorForm == ErrorForm.Complex ? row.DeltaComplex : row.DeltaMagnitude);
            if (data.Metrics.Count > 0)
            {
                _lastTrainLoss = data.Metrics[^1].TrainLoss;
                _lastTestLoss = data.Metrics[^1].TestLoss;
            }
        }

        public bool LastProbeIs(long step) => _probeSteps.Count > 0 && _probeSteps[^1] == step;

        /// <summary>Evaluates the network, appends metrics, spectra and (at snapshot steps) outputs; returns the train loss.</summary>
        public double Probe(long step, TimeSpan elapsed)
        {
            var evalOut = FitTrainer.Predict(Model, _xEvalT);
            _lastEvalOutput = evalOut;
            var trainOut = _evalIsTrain ? evalOut : FitTrainer.Predict(Model, _xTrainT);
            _lastTrainLoss = MeanSquaredError(trainOut, _yTrain);
            _lastTestLoss = MeanSquaredError(evalOut, _yEval);
            _metrics!.Append(string.Join(',', step.ToString(CultureInfo.InvariantCulture),
                CsvFormat.FormatDouble(_lastTrainLoss), CsvFormat.FormatDouble(_lastTestLoss)));

            var outDft = Dft.Forward(evalOut);
            var deltaComplex = SpectralError.Complex(outDft, _targetDft, _kept);
            var deltaMagnitude = SpectralError.Magnitude(outDft, _targetDft, _kept);
            var sb = new StringBuilder();
            string s = step.ToString(CultureInfo.InvariantCulture);
            for (int i = 0; i < _kept.Length; i++)
            {
                int k = _kept[i];
                sb.Clear().Append(s).Append(',').Append(k.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(CsvFormat.FormatDouble(Dft.Frequency(k, _xEval.Length, _spacing))).Append(',')
                    .Append(CsvFormat.FormatDouble(outDft[k].Magnitude)).Append(',')
                    .Append(CsvFormat.FormatDouble(_targetDft[k].Magnitude)).Append(',')
                    .Append(CsvFormat.FormatDouble(deltaComplex[i])).Append(',').Append(CsvFormat.FormatDouble(deltaMagnitude[i]));
                _spectra!.Append(sb.ToString());
            }
            var errors = _config.Probe.ErrorForm == ErrorForm.Complex ? deltaComplex : deltaMagnitude;
            for (int p = 0; p < _peaks.Length; p++)
                _peakErrors[p].Add(errors[Array.IndexOf(_kept, _peaks[p])]);
            _probeSteps.Add(step);

            if (_snapshotSteps.Contains(step) || step == _config.Training.Steps)
                for (int i = 0; i < _xEval.Length; i++)
                    _outputs!.Append(string.Join(',', s, CsvFormat.FormatDouble(_xEval[i]),
                        CsvFormat.FormatDouble(_yEval[i]), CsvFormat.FormatDouble(evalOut[i])));

            _options.OnProgress?.Invoke(new FitProgress(step, _config.Training.Steps, _lastTrainLoss, _lastTestLoss, elapsed));
            return _lastTrainLoss;
        }

        private static double MeanSquaredError(double[] a, double[] b)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
            return sum / a.Length;
        }

        public void SaveCheckpoint(long step)
        {
            _metrics!.Flush();
            _spectra!.Flush();
            _outputs!.Flush();
            var (state, perm, pos) = Trainer.Sampler.Save();
            var rows = new Dictionary<string, long>
            {
                ["metrics.csv"] = _metrics.Rows,
                ["spectra.csv"] = _spectra.Rows,
                ["outputs.csv"] = _outputs.Rows,
            };
            Checkpoint.Save(_runDir, new Checkpoint(step, state, perm, pos, Checkpoint.CaptureRng(), rows), Model, Trainer.Optimizer);
        }

        public FitSummary WriteSummary(long step, bool finished)
        {
            _metrics!.Flush();
            _spectra!.Flush();
            _outputs!.Flush();
            var eps = _config.Probe.Epsilon;
            var conv = _peakErrors.Select(e => Convergence.Analyze(_probeSteps, e, eps)).ToArray();
            var first = conv.Select(c => c.ConvergedAtStep).ToList();
            var freqs = _peaks.Select(k => Dft.Frequency(k, _xEval.Length, _spacing)).ToList();
            var index = SpectralBiasIndex.Compute(freqs, first);
            var order = SpectralBiasIndex.ConvergenceOrder(_peaks, first);
            var summary = new FitSummary
            {
                Finished = finished,
                StepsCompleted = step,
                Epsilon = eps,
                ErrorForm = _config.Probe.ErrorForm == ErrorForm.Complex ? "complex" : "magnitude",
                Peaks = _peaks.Select((k, i) => new PeakSummary(k, freqs[i], _targetDft[k].Magnitude, conv[i].ConvergedAtStep, conv[i].StableFromStep)).ToList(),
                ConvergenceOrder = order,
                SpectralBiasIndex = index,
                FinalTrainLoss = _lastTrainLoss,
                FinalTestLoss = _lastTestLoss,
                Verdict = SpectralBiasIndex.Verdict(order, index, first, _peaks),
            };
            summary = summary with { Theory = OneHiddenLayerTheory.Summarize(_config.Model, summary.Peaks) };
            if (_lastEvalOutput is { } output)
            {
                int n = _xEval.Length;
                int cutoff = Math.Clamp(_peaks.Length > 0 ? 2 * _peaks.Max() : n / 4, 0, n / 2 - 1);
                summary = summary with
                {
                    HighFrequencyCutoff = cutoff,
                    HighFrequencyCutoffFrequency = Dft.Frequency(cutoff, n, _spacing),
                    HighFrequencyEnergy = SpectralEnergy.FractionAbove(output, cutoff),
                    TargetHighFrequencyEnergy = SpectralEnergy.FractionAbove(_yEval, cutoff),
                };
            }

            RunFolder.WriteSummary(_runDir, summary);
            return summary;
        }

        public void Dispose()
        {
            CloseFiles();
            Trainer.Dispose();
            Model.Dispose();
            _xTrainT.Dispose();
            _xEvalT.Dispose();
        }
    }
}
