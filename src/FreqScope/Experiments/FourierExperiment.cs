using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using FreqScope.Core.Config;
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
/// The <c>fourier-features</c> experiment: a two-layer Fourier-feature network (<see cref="FourierFeatureNet"/>)
/// trained by full-batch gradient descent on a 1-D target, its error spectrum recorded over training, and the
/// frequency PDE of docs/frequency-pde.md solved by finite elements from the same initial spectrum for comparison.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="FourierProbeConfig.Every"/> steps the residual r_i = f(x_i) − y_i on the training points is
/// transformed with FreqScope's non-uniform DFT in absolute coordinates, R(ξ) = (1/n) Σ_i r_i e^{−2πiξx_i} (ξ in
/// cycles per unit of x), on the non-negative half of the probe grid, and written to spectra.csv. When training ends,
/// the PDE ∂_t R = C [D ∂_ξ(ρ ∂_ξ R) − ρ R], C = η/L, D = σ_a²/4π² (0 with fixed frequencies), is solved from the
/// step-0 spectrum; pde.csv, peaks.csv, fit.csv and summary.json follow (docs/run-folder.md).
/// </para>
/// <para>
/// Resume: a checkpoint (parameters, step, row counts) is saved every <see cref="FourierTrainingConfig.CheckpointEvery"/>
/// steps and when the run is interrupted; <c>--resume</c> cuts the CSV files back to it and continues. Plain gradient
/// descent has no other state, so a resumed run ends with the same numbers as an uninterrupted one.
/// </para>
/// </remarks>
public static class FourierExperiment
{
    /// <summary>Spectra file name.</summary>
    public const string SpectraFile = "spectra.csv";

    /// <summary>Loss file name.</summary>
    public const string LossFile = "loss.csv";

    /// <summary>PDE solution file name.</summary>
    public const string PdeFile = "pde.csv";

    /// <summary>Peak error file name.</summary>
    public const string PeaksFile = "peaks.csv";

    /// <summary>Fit file name.</summary>
    public const string FitFile = "fit.csv";

    /// <summary>A much shorter version for smoke tests: width ≤ 256, at most 60 steps probed every ≤ 10, at most 201 frequency nodes.</summary>
    public static FourierExperimentConfig Smoke(FourierExperimentConfig config)
    {
        long steps = Math.Min(config.Training.Steps, 60);
        return config with
        {
            Network = config.Network with { Width = Math.Min(config.Network.Width, 256) },
            Training = config.Training with { Steps = steps, CheckpointEvery = Math.Min(config.Training.CheckpointEvery, 20) },
            Probe = config.Probe with { Every = Math.Clamp(config.Probe.Every, 1, Math.Min(10, steps)), Nodes = Math.Min(config.Probe.Nodes, 201) },
        };
    }

    /// <summary>Runs (or resumes) the experiment; returns when it finishes, fails or is cancelled (after saving).</summary>
    /// <exception cref="ConfigException">--resume on a folder whose config.json is not a fourier-features config.</exception>
    public static FourierRunResult Run(FourierExperimentConfig config, FourierRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var load = NativeLoader.EnsureLoaded();
        var runDir = Path.GetFullPath(options.RunDirectory);
        RunManifest? previous = null;
        Checkpoint? checkpoint = null;
        if (options.Resume)
        {
            config = ConfigLoader.LoadAnyFile(RunFolder.ResumeConfigPath(runDir)) as FourierExperimentConfig
                ?? throw new InvalidOperationException($"cannot resume {runDir}: its config.json is not a {FourierExperimentConfig.FourierFeatures} experiment");
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
            { Experiment = FourierExperimentConfig.FourierFeatures, StepsCompleted = step, StepsPlanned = config.Training.Steps };

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
                    if (options.BuildReport) FourierReport.Build(runDir);
                    return new FourierRunResult(runDir, RunStatus.Interrupted, step, null);
                }

                session.Step();
                step++;
                if (step % config.Probe.Every == 0 || step == total)
                {
                    double loss = session.Probe(step);
                    options.OnProgress?.Invoke(step, loss);
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
            if (options.BuildReport) FourierReport.Build(runDir);
            return new FourierRunResult(runDir, RunStatus.Finished, step, summary);
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

    /// <summary>One run's network, data, tables and open files.</summary>
    private sealed class Session : IDisposable
    {
        private readonly FourierExperimentConfig _config;
        private readonly string _runDir;
        private readonly double[] _x, _y, _initialOutput;
        private readonly double[] _fitted; // y, or y + f₀ when training f − f₀
        private readonly Tensor _xT, _yT;
        private readonly NonUniformDftMatrix _dft;
        private readonly double[] _halfXi;
        private readonly Complex[] _targetHalf;
        private readonly List<long> _steps = [];
        private readonly List<Complex[]> _spectra = [];
        private readonly List<double> _losses = [];
        private CsvTable? _spectraCsv, _lossCsv;

        public FourierFeatureNet Model { get; }
        public optim.Optimizer Optimizer { get; }

        public Session(FourierExperimentConfig config, string runDir, Device device)
        {
            _config = config;
            _runDir = runDir;
            var target = TargetFactory.Create(config.Target, null);
            _x = config.Data.Coordinates();
            _y = _x.Select(x => target.Evaluate(x) * config.Data.EnvelopeAt(x)).ToArray();
            _halfXi = FourierAnalysis.HalfGrid(config.Probe);
            _dft = new NonUniformDftMatrix(_x, _halfXi);
            _targetHalf = _dft.Forward(_y);
            var n = config.Network;
            Model = new FourierFeatureNet(1, n.Width, n.Density.ToDensity(), n.SigmaA, config.Seed, n.TrainFrequencies, n.OutputBias, n.Stratified);
            Model.to(device);
            _xT = tensor(_x.Select(v => (float)v).ToArray(), device: device).reshape(_x.Length, 1);
            Optimizer = OptimizerFactory.PlainSgd(config.Training.LearningRate, Model.parameters());
            _initialOutput = Output();
            // Training f − f₀ on y is training f on y + f₀ (f₀ fixed): the gradients are the same.
            _fitted = n.SubtractInitialOutput ? _y.Select((v, i) => v + _initialOutput[i]).ToArray() : _y;
            _yT = tensor(_fitted.Select(v => (float)v).ToArray(), device: device).reshape(_y.Length, 1);
        }

        public void Open(IReadOnlyDictionary<string, long>? rows)
        {
            _spectraCsv = CsvTable.Open(Path.Combine(_runDir, SpectraFile), FourierRunFolderReader.SpectraHeader, rows?[SpectraFile]);
            _lossCsv = CsvTable.Open(Path.Combine(_runDir, LossFile), FourierRunFolderReader.LossHeader, rows?[LossFile]);
            if (rows is null) return;
            _spectraCsv.Flush();
            _lossCsv.Flush();
            foreach (var (step, spectrum) in FourierRunFolderReader.GroupSpectra(FourierRunFolderReader.ReadSpectra(_runDir), _halfXi.Length))
            {
                _steps.Add(step);
                _spectra.Add(spectrum);
            }

            _losses.AddRange(FourierRunFolderReader.ReadLoss(_runDir).Select(r => r.Loss));
            if (_losses.Count != _steps.Count)
                throw new InvalidDataException($"{_runDir}: {LossFile} has {_losses.Count} probes but {SpectraFile} has {_steps.Count}; cannot resume");
        }

        public void Close()
        {
            _spectraCsv?.Dispose();
            _lossCsv?.Dispose();
            _spectraCsv = _lossCsv = null;
        }

        /// <summary>One full-batch gradient-descent step on (1/2n) Σ (f − y)².</summary>
        public void Step()
        {
            using var scope = NewDisposeScope();
            Optimizer.zero_grad();
            var d = Model.forward(_xT) - _yT;
            (0.5 * (d * d).mean()).backward();
            Optimizer.step();
        }

        private double[] Output()
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            return Model.forward(_xT).reshape(-1).to(float64).cpu().data<double>().ToArray();
        }

        /// <summary>Records the residual's spectrum and the loss; returns the loss.</summary>
        public double Probe(long step)
        {
            var f = Output();
            var r = new double[f.Length];
            double loss = 0;
            for (int i = 0; i < f.Length; i++)
            {
                r[i] = f[i] - _fitted[i];
                loss += r[i] * r[i];
            }

            loss /= 2 * f.Length;
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"the loss is {loss} at step {step}: training diverged; lower training.learningRate ({_config.Training.LearningRate.ToString("R", CultureInfo.InvariantCulture)})");
            var spectrum = _dft.Forward(r);
            string s = step.ToString(CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            for (int i = 0; i < spectrum.Length; i++)
            {
                sb.Clear().Append(s).Append(',').Append(CsvFormat.FormatDouble(_halfXi[i])).Append(',')
                    .Append(CsvFormat.FormatDouble(spectrum[i].Real)).Append(',').Append(CsvFormat.FormatDouble(spectrum[i].Imaginary));
                _spectraCsv!.Append(sb.ToString());
            }

            _lossCsv!.Append(s + "," + CsvFormat.FormatDouble(loss));
            _steps.Add(step);
            _spectra.Add(spectrum);
            _losses.Add(loss);
            return loss;
        }

        public void SaveCheckpoint(long step)
        {
            _spectraCsv!.Flush();
            _lossCsv!.Flush();
            var rows = new Dictionary<string, long> { [SpectraFile] = _spectraCsv.Rows, [LossFile] = _lossCsv.Rows };
            Checkpoint.Save(_runDir, new Checkpoint(step, 0, [], 0, "", rows), Model, Optimizer);
        }

        /// <summary>Solves the PDE, writes pde.csv, peaks.csv, fit.csv and summary.json.</summary>
        public FourierSummary Finish(double trainingSeconds)
        {
            _spectraCsv!.Flush();
            _lossCsv!.Flush();
            var (summary, pde) = FourierAnalysis.Summarise(_config, _steps, _spectra, _targetHalf, _losses[0], _losses[^1], true, trainingSeconds);
            var invariant = CultureInfo.InvariantCulture;
            if (pde is not null)
            {
                var sb = new StringBuilder(FourierRunFolderReader.PdeHeader).Append('\n');
                for (int t = 0; t < _steps.Count; t++)
                    for (int i = 0; i < _halfXi.Length; i++)
                        sb.Append(_steps[t].ToString(invariant)).Append(',').Append(CsvFormat.FormatDouble(_halfXi[i])).Append(',')
                            .Append(CsvFormat.FormatDouble(pde[t][i].Real)).Append(',').Append(CsvFormat.FormatDouble(pde[t][i].Imaginary)).Append('\n');
                AtomicFile.WriteAllText(Path.Combine(_runDir, PdeFile), sb.ToString());
            }

            var peaks = FourierAnalysis.Peaks(_targetHalf, _config.Probe.PeakThreshold);
            var netErrors = FourierAnalysis.PeakErrors(_spectra, _targetHalf, peaks);
            var pdeErrors = pde is null ? null : FourierAnalysis.PeakErrors(pde, _targetHalf, peaks);
            var peaksCsv = new StringBuilder(FourierRunFolderReader.PeaksHeader).Append('\n');
            for (int t = 0; t < _steps.Count; t++)
                for (int p = 0; p < peaks.Length; p++)
                    peaksCsv.Append(_steps[t].ToString(invariant)).Append(',').Append(CsvFormat.FormatDouble(_halfXi[peaks[p]])).Append(',')
                        .Append(CsvFormat.FormatDouble(netErrors[p][t])).Append(',')
                        .Append(CsvFormat.FormatDouble(pdeErrors is null ? double.NaN : pdeErrors[p][t])).Append('\n');
            AtomicFile.WriteAllText(Path.Combine(_runDir, PeaksFile), peaksCsv.ToString());

            var final = Output();
            var shown = _config.Network.SubtractInitialOutput ? final.Select((v, i) => v - _initialOutput[i]).ToArray() : final;
            var fit = new StringBuilder(FourierRunFolderReader.FitHeader).Append('\n');
            for (int i = 0; i < _x.Length; i++)
                fit.Append(CsvFormat.FormatDouble(_x[i])).Append(',').Append(CsvFormat.FormatDouble(_y[i])).Append(',')
                    .Append(CsvFormat.FormatDouble(_config.Network.SubtractInitialOutput ? 0 : _initialOutput[i])).Append(',').Append(CsvFormat.FormatDouble(shown[i])).Append('\n');
            AtomicFile.WriteAllText(Path.Combine(_runDir, FitFile), fit.ToString());
            RunFolder.WriteSummary(_runDir, summary);
            return summary;
        }

        public void Dispose()
        {
            Close();
            _xT.Dispose();
            _yT.Dispose();
            Optimizer.Dispose();
            Model.Dispose();
        }
    }
}
