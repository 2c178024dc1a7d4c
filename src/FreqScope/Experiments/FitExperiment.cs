using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Data;
using FreqScope.Native;
using FreqScope.Reporting;
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
            TargetFactory.Create(config.Target, options.ConfigDirectory, config.Data.Domain);
            DeviceSelector.Resolve(config.Device);
            RunFolder.Create(runDir, ConfigLoader.ToJson(config));
        }

        var device = DeviceSelector.Resolve(config.Device);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        bool smoke = previous?.Smoke ?? options.Smoke;
        RunManifest Manifest(string status, long steps, string? error = null) =>
            RunManifest.Create(load, device, config.Seed, previous, started, clock, status, smoke, checkpoint?.Step, error)
            with
            { Experiment = FitExperimentConfig.Fit1d, StepsCompleted = steps, StepsPlanned = config.Training.Steps };

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
    internal static HashSet<long> SnapshotSteps(long total, int every, int count) => FitRecorder.SnapshotSteps(total, every, count);

    /// <summary>One solo run: its recorder, network and trainer.</summary>
    private sealed class Session : IDisposable
    {
        private readonly Tensor _xTrainT, _xEvalT;

        public FitRecorder Recorder { get; }
        public nn.Module<Tensor, Tensor> Model { get; }
        public FitTrainer Trainer { get; }

        public Session(FitExperimentConfig config, FitRunOptions options, string runDir, Device device)
        {
            Recorder = new FitRecorder(config, options.ConfigDirectory, runDir, options.OnProgress);
            Model = NetworkFactory.Create(config.Model, config.Seed);
            Model.to(device);
            Trainer = new FitTrainer(Model, Recorder.XTrain, Recorder.YTrain, Recorder.DyTrain, config.Training, config.Seed, device);
            _xTrainT = FitTrainer.ToColumn(Recorder.XTrain, device);
            _xEvalT = FitTrainer.ToColumn(Recorder.XEval, device);
        }

        public void OpenFiles(IReadOnlyDictionary<string, long>? rows) => Recorder.OpenFiles(rows);

        public void CloseFiles() => Recorder.CloseFiles();

        public bool LastProbeIs(long step) => Recorder.LastProbeIs(step);

        /// <summary>Evaluates the network and records the probe; returns the train loss.</summary>
        public double Probe(long step, TimeSpan elapsed)
        {
            var evalOut = FitTrainer.Predict(Model, _xEvalT);
            var trainOut = Recorder.EvalIsTrain ? evalOut : FitTrainer.Predict(Model, _xTrainT);
            return Recorder.Probe(step, evalOut, trainOut, elapsed);
        }

        public void SaveCheckpoint(long step)
        {
            var rows = Recorder.FlushRows();
            var (state, perm, pos) = Trainer.Sampler.Save();
            Checkpoint.Save(Recorder.RunDirectory, new Checkpoint(step, state, perm, pos, Checkpoint.CaptureRng(), rows), Model, Trainer.Optimizer);
        }

        public FitSummary WriteSummary(long step, bool finished) => Recorder.WriteSummary(step, finished);

        public void Dispose()
        {
            Recorder.Dispose();
            Trainer.Dispose();
            Model.Dispose();
            _xTrainT.Dispose();
            _xEvalT.Dispose();
        }
    }
}
