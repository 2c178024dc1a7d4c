using System.Diagnostics;
using FreqScope.Core;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Training;
using static TorchSharp.torch;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// Runs a group of fit1d configs as one ensemble: an <see cref="EnsembleMlp"/> trained by an
/// <see cref="EnsembleTrainer"/>, each member recorded into its own ordinary run folder with exactly the files a
/// solo run of <see cref="FitExperiment"/> writes, plus <c>ensemble</c> (member i of K) in its manifest. The
/// members may differ only in the seed, <c>model.weightInit</c>/<c>model.biasInit</c>, <c>training.learningRate</c>
/// and the hidden widths (same depth); training is full batch without the H¹ term or early stopping (see
/// <see cref="Incompatibility"/>). A member's numbers equal its solo run's up to float rounding (batched products sum
/// in another order); ensemble runs are deterministic among themselves on one backend. The group's checkpoint lives
/// in <see cref="FitEnsembleOptions.GroupDirectory"/>; a resumed group continues from it exactly. The life cycle
/// after setting up (probe and checkpoint cadence, Ctrl-C, finish) is <see cref="RunDriver"/>'s, as for every run.
/// </summary>
public static class FitEnsembleExperiment
{
    /// <summary>
    /// Why <paramref name="config"/> cannot be an ensemble member at all (an input encoding, the H¹ term, mini-batches,
    /// early stopping), or null when it can.
    /// </summary>
    public static string? Incompatibility(FitExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Model.Encoding.Kind != InputEncodingKind.None) return "model.encoding is set";
        if (config.Training.H1Weight > 0) return "training.h1Weight > 0";
        if (config.Training.BatchSize is int b && b != config.Data.Train.Count) return "training.batchSize is not the full batch";
        if (config.Training.StopAtLoss is not null) return "training.stopAtLoss is set";
        return null;
    }

    /// <summary>
    /// The part of a config that must be equal among the members of one ensemble: the config with its name, seed,
    /// initialisations and learning rate cleared and its hidden widths replaced by their count, as JSON text.
    /// </summary>
    public static string GroupKey(FitExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cleared = config with
        {
            Name = "member",
            Seed = 0,
            Model = config.Model with { Hidden = [.. config.Model.Hidden.Select(_ => 1)], WeightInit = new InitConfig(), BiasInit = new InitConfig() },
            Training = config.Training with { LearningRate = 1, BatchSize = null },
        };
        return FitExperiment.ToJson(cleared);
    }

    /// <summary>
    /// Runs (or, with <see cref="FitEnsembleOptions.Resume"/>, continues) the ensemble of <paramref name="configs"/>,
    /// member k into <paramref name="runDirectories"/>[k]. Returns when it finishes, fails (the exception propagates,
    /// every member marked failed) or is cancelled (after saving the group checkpoint; members marked interrupted).
    /// </summary>
    /// <exception cref="ArgumentException">The configs cannot form one ensemble (the message says why).</exception>
    public static IReadOnlyList<RunResult<FitSummary>> Run(IReadOnlyList<FitExperimentConfig> configs, IReadOnlyList<string> runDirectories,
        FitEnsembleOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(runDirectories);
        ArgumentNullException.ThrowIfNull(options);
        int count = configs.Count;
        if (count == 0 || runDirectories.Count != count) throw new ArgumentException($"{count} configs but {runDirectories.Count} run folders", nameof(runDirectories));
        var load = NativeLoader.EnsureLoaded();
        var dirs = runDirectories.Select(Path.GetFullPath).ToArray();
        var cfg = configs.ToArray();
        // The members train side by side: their needs add up.
        IExperimentKind kind = FitExperiment.Instance;
        MemoryPreflight.Check([.. cfg.SelectMany(kind.MemoryNeeds)], MemoryPreflight.MachineLimit());
        var previous = new RunManifest?[count];
        var held = new List<FolderLock>();
        try
        {
            for (int k = 0; k < count && options.Resume; k++)
            {
                // The checkpoint is the group's, not the member folder's.
                var (config, manifest, memberLock) = RunFolder.ReadResumable(FitExperiment.Instance, dirs[k], ensembleMember: true);
                held.Add(memberLock);
                (cfg[k], previous[k]) = ((FitExperimentConfig)config, manifest);
            }

            return RunHeld(cfg, dirs, previous, held, load, options, cancellation);
        }
        finally
        {
            foreach (var memberLock in held) memberLock.Dispose();
        }
    }

    private static IReadOnlyList<RunResult<FitSummary>> RunHeld(FitExperimentConfig[] cfg, string[] dirs, RunManifest?[] previous, List<FolderLock> held,
        NativeLoadReport load, FitEnsembleOptions options, CancellationToken cancellation)
    {
        int count = cfg.Length;
        var groupDir = Path.GetFullPath(options.GroupDirectory);

        for (int k = 0; k < count; k++)
        {
            if (cfg[k].Target.Kind == TargetKind.Csv && cfg[k].Target.CsvPath is string csv && !Path.IsPathRooted(csv))
                cfg[k] = cfg[k] with { Target = cfg[k].Target with { CsvPath = Path.GetFullPath(Path.Combine(options.ConfigDirectory ?? Environment.CurrentDirectory, csv)) } };
            if (Incompatibility(cfg[k]) is string why) throw new ArgumentException($"{cfg[k].Name} cannot be an ensemble member: {why}", "configs");
            if (GroupKey(cfg[k]) != GroupKey(cfg[0]))
                throw new ArgumentException($"{cfg[k].Name} differs from {cfg[0].Name} in more than seed, model.weightInit, model.biasInit, training.learningRate and hidden widths", "configs");
        }

        EnsembleMlp.CheckStackable([.. cfg.Select(c => c.Model)]);
        // Preflight before anything is written: the target (a fresh run's), then the device.
        if (!options.Resume) TargetFactory.Create(cfg[0].Target, options.ConfigDirectory, cfg[0].Data.Domain);
        var device = DeviceSelector.Resolve(cfg[0].Device);
        if (!options.Resume)
        {
            if (Directory.Exists(groupDir)) Directory.Delete(groupDir, true);
            for (int k = 0; k < count; k++) held.Add(RunFolder.Create(dirs[k], FitExperiment.ToJson(cfg[k])));
        }

        Directory.CreateDirectory(groupDir);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        long step = 0;
        EnsembleDriver? driver = null;
        // A member whose loss stopped being finite keeps its folder as it was then, while the others train on; a
        // resumed group knows them from its checkpoint before it writes any manifest.
        if (options.Resume) Checkpoint.Recover(groupDir);
        var resumed = options.Resume ? EnsembleCheckpoint.Peek(groupDir) : null;
        var divergedAt = resumed?.DivergedAt?.ToArray() ?? new long?[count];

        var ledgers = Enumerable.Range(0, count).Select(k => new RunLedger(dirs[k], previous[k], load, device, cfg[k].Seed, options.Smoke, started, clock, m => m with
        {
            Experiment = FitExperiment.Instance.Name,
            StepsCompleted = divergedAt[k] ?? driver?.Step ?? step,
            StepsPlanned = cfg[k].Training.Steps,
            Ensemble = new EnsembleMembership(k, count, groupDir),
        })).ToArray();
        void WriteManifests(string status)
        {
            for (int k = 0; k < count; k++)
                if (divergedAt[k] is null) ledgers[k].Write(status);
        }

        var recorders = new List<FitRecorder>();
        EnsembleMlp? model = null;
        EnsembleTrainer? trainer = null;
        Tensor? xEval = null, xTrain = null;
        try
        {
            WriteManifests(RunStatus.Running);
            for (int k = 0; k < count; k++)
            {
                recorders.Add(new FitRecorder(cfg[k], options.ConfigDirectory, dirs[k]));
            }

            model = new EnsembleMlp([.. cfg.Select(c => c.Model)], [.. cfg.Select(c => c.Seed)], 1, device);
            bool sharedX = recorders.All(r => r.XTrain.AsSpan().SequenceEqual(recorders[0].XTrain));
            bool sharedY = recorders.All(r => r.YTrain.AsSpan().SequenceEqual(recorders[0].YTrain));
            trainer = new EnsembleTrainer(model,
                sharedX ? [recorders[0].XTrain] : [.. recorders.Select(r => r.XTrain)],
                sharedY ? [recorders[0].YTrain] : [.. recorders.Select(r => r.YTrain)],
                [.. cfg.Select(c => c.Training)], device);
            xEval = FitTrainer.ToColumn(recorders[0].XEval, device);
            if (!recorders[0].EvalIsTrain && sharedX)
            {
                xTrain = FitTrainer.ToColumn(recorders[0].XTrain, device);
            }
            else if (!recorders[0].EvalIsTrain)
            {
                using var scope = NewDisposeScope();
                xTrain = stack(recorders.Select(r => FitTrainer.ToColumn(r.XTrain, device)).ToArray()).MoveToOuterDisposeScope();
            }

            if (options.Resume)
            {
                var checkpoint = EnsembleCheckpoint.Load(groupDir, model, trainer);
                if (!checkpoint.Members.SequenceEqual(dirs.Select(Path.GetFileName)!))
                    throw new InvalidOperationException($"the checkpoint in {groupDir} belongs to members {string.Join(", ", checkpoint.Members)}, not {string.Join(", ", dirs.Select(Path.GetFileName))}");
                step = checkpoint.Step;
                for (int k = 0; k < count; k++)
                {
                    if (divergedAt[k] is not null) continue;
                    ledgers[k].ResumedFrom = step;
                    recorders[k].OpenFiles(checkpoint.FileRows[k]);
                }

                if (FitSession.PlanOf(cfg[0]).IsProbeStep(step))
                {
                    // Saved right after a probe: its outputs are the model's now (see FitRecorder.ResumeAfterProbe).
                    var evalOut = EnsembleTrainer.Predict(model, xEval);
                    for (int k = 0; k < count; k++)
                        if (divergedAt[k] is null) recorders[k].ResumeAfterProbe(evalOut[k]);
                }
            }
            else
            {
                foreach (var r in recorders) r.OpenFiles(null);
            }

            WriteManifests(RunStatus.Running);
            // Each member streams its tables to its own tensorboard/ folder, as a solo run does.
            IExperimentKind fit = FitExperiment.Instance;
            var infos = Enumerable.Range(0, count).Select(k => new RunInfo(fit, cfg[k], dirs[k], FitSession.PlanOf(cfg[k]))).ToArray();
            var boards = Enumerable.Range(0, count)
                .Select(k => cfg[k].TensorBoard && divergedAt[k] is null ? new TensorBoardCallback(fit.Scalars(cfg[k]), null) : null).ToArray();
            for (int k = 0; k < count; k++) boards[k]?.OnStart(infos[k]);
            void OnMemberProgress(int k, RunProgress p)
            {
                options.OnProgress?.Invoke(k, p);
                boards[k]?.OnProgress(infos[k], p with { IsProbe = true });
            }

            driver = new EnsembleDriver(step, cfg[0], dirs, groupDir, recorders, model, trainer, xEval, xTrain, clock, OnMemberProgress, WriteManifests,
                divergedAt, resumed?.FileRows, (k, error) => ledgers[k].Write(RunStatus.Diverged, error));
            var (status, _) = driver.Drive(fresh: !options.Resume, cancellation);
            for (int k = 0; k < count; k++) boards[k]?.OnEnd(infos[k], divergedAt[k] is null ? status : RunStatus.Diverged);
            var reportErrors = dirs.Select(d => options.BuildReport ? RunFolder.TryBuildReport(d, () => FitReport.Build(d)) : null).ToArray();
            return [.. dirs.Select((d, k) => divergedAt[k] is long at
                ? new RunResult<FitSummary>(d, RunStatus.Diverged, at, null, driver.Summaries[k]) { ReportError = reportErrors[k] }
                : new RunResult<FitSummary>(d, status, driver.Step, null, driver.Summaries[k]) { ReportError = reportErrors[k] })];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var r in recorders) r.CloseFiles();
            for (int k = 0; k < count; k++)
                if (Directory.Exists(dirs[k]) && divergedAt[k] is null) ledgers[k].MarkFailed(e);
            throw;
        }
        finally
        {
            foreach (var r in recorders) r.Dispose();
            trainer?.Dispose();
            model?.Dispose();
            xEval?.Dispose();
            xTrain?.Dispose();
        }
    }

    /// <summary>
    /// The member folders of one stacked network under the shared <see cref="RunDriver"/>; the checkpoint is the group's.
    /// A member whose probe shows diverged training stops there as a solo run does (its tables as far as they go, its
    /// partial summary, <c>diverged</c> with the step and the value) while the others train on: the members' parameters
    /// and optimizer state are separate blocks, so its non-finite numbers reach no other member. When every member has
    /// diverged the group stops.
    /// </summary>
    private sealed class EnsembleDriver(long start, FitExperimentConfig first, string[] dirs, string groupDir, List<FitRecorder> recorders,
        EnsembleMlp model, EnsembleTrainer trainer, Tensor xEval, Tensor? xTrain, Stopwatch clock, Action<int, RunProgress>? onProgress,
        Action<string> writeManifests, long?[] divergedAt, IReadOnlyList<IReadOnlyDictionary<string, long>>? checkpointRows, Action<int, string> writeDiverged)
        : RunDriver(start)
    {
        // The rows of a member that stopped: what each later checkpoint records for it.
        private readonly IReadOnlyDictionary<string, long>?[] _stoppedRows = [.. divergedAt.Select((at, k) => at is null ? null : checkpointRows?[k])];

        /// <summary>Each member's summary: a diverged member's partial one from where it stopped, the others' from the end (or the interruption).</summary>
        public FitSummary?[] Summaries { get; } = new FitSummary?[dirs.Length];

        protected override RunPlan Plan { get; } = FitSession.PlanOf(first);

        protected override bool Checkpoints => true;

        protected override bool TrainStep(long step, CancellationToken cancellation)
        {
            trainer.Step();
            return true;
        }

        protected override void Probe(long step)
        {
            var evalOut = EnsembleTrainer.Predict(model, xEval);
            var trainOut = xTrain is null ? evalOut : EnsembleTrainer.Predict(model, xTrain);
            for (int k = 0; k < recorders.Count; k++)
            {
                if (divergedAt[k] is not null) continue;
                var progress = recorders[k].Probe(step, evalOut[k], trainOut[k], clock.Elapsed);
                foreach (var table in recorders[k].Tables) table.Publish();
                onProgress?.Invoke(k, progress);
                if (progress.Divergence is { } why) StopDiverged(k, step, why);
            }

            if (divergedAt.All(at => at is not null)) Divergence = "every member of the ensemble diverged";
        }

        private void StopDiverged(int k, long step, string why)
        {
            _stoppedRows[k] = recorders[k].FlushRows();
            Summaries[k] = recorders[k].Summarize(step, finished: false);
            RunFolder.WriteSummary(dirs[k], Summaries[k]!);
            recorders[k].CloseFiles();
            divergedAt[k] = step;
            writeDiverged(k, $"training diverged at step {step}: {why}");
        }

        // The ensemble has no stop-at-loss, so its last checkpoint is always at the plan's last step: nothing to mark.
        protected override void SaveCheckpoint(long step, bool complete = false)
        {
            IReadOnlyDictionary<string, long>[] rows = [.. recorders.Select((r, k) => _stoppedRows[k] ?? (IReadOnlyDictionary<string, long>)r.FlushRows())];
            FaultPoint.Reach(FaultPoint.TablesFlushed);
            EnsembleCheckpoint.Save(groupDir, new EnsembleCheckpoint(step, [.. dirs.Select(d => Path.GetFileName(d))], rows)
            {
                DivergedAt = divergedAt.Any(at => at is not null) ? [.. divergedAt] : null,
            }, model, trainer);
        }

        protected override void WriteManifests(string status, string? error = null) => writeManifests(status);

        protected override object? Interrupt(long step) => Summarize(step, finished: false);

        protected override object Finish(long step) => Summarize(step, finished: true);

        private FitSummary?[] Summarize(long step, bool finished)
        {
            for (int k = 0; k < dirs.Length; k++)
            {
                if (divergedAt[k] is not null) continue;
                Summaries[k] = recorders[k].Summarize(step, finished);
                RunFolder.WriteSummary(dirs[k], Summaries[k]!);
            }

            return Summaries;
        }
    }
}
