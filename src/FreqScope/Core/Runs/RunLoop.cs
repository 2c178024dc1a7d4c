using System.Diagnostics;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Native;

namespace FreqScope.Core.Runs;

/// <summary>
/// The one life cycle of a run, whatever its kind: the kind opens a session (<see cref="IExperimentKind.Open"/>, the
/// preflight), and the loop owns the rest:
/// <list type="number">
/// <item>create the run folder with its config.json (absent or empty only), or continue one (<see cref="RunOptions.Resume"/>):
/// its own config, its manifest, its newest checkpoint (tables cut back to the checkpoint's rows, every part restored);
/// a kind that keeps no checkpoint runs again from step 0;</item>
/// <item>keep manifest.json up to date (running, then finished, interrupted or failed);</item>
/// <item>run the steps, probing and checkpointing at the plan's cadence (step 0 is probed on a fresh run, the last
/// step always);</item>
/// <item>on cancellation, checkpoint (unless a step was abandoned part-way: the last checkpoint stands), write the
/// kind's partial summary if it has one, and mark the run interrupted;</item>
/// <item>on an exception, close the tables, mark the run failed with the message and remove a stale summary.json, and
/// rethrow;</item>
/// <item>tell the callbacks (progress, stop requests, the report) what happens.</item>
/// </list>
/// </summary>
public static class RunLoop
{
    /// <summary>Runs or resumes <paramref name="config"/> of <paramref name="kind"/>; returns when it finishes, fails (rethrowing) or is cancelled.</summary>
    /// <exception cref="ConfigException">A resumed folder's config.json is invalid, or the run cannot fit in memory (<see cref="MemoryPreflight"/>).</exception>
    /// <exception cref="InvalidOperationException">The folder cannot be created or resumed (not empty, finished, no checkpoint, another kind).</exception>
    public static RunResult<object> Run(IExperimentKind kind, IExperimentConfig config, RunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        var load = NativeLoader.EnsureLoaded();
        var runDir = Path.GetFullPath(options.RunDirectory);
        RunManifest? previous = null;
        FolderLock? held = null;
        try
        {
            if (options.Resume)
            {
                (config, previous, held) = RunFolder.ReadResumable(kind, runDir);
                if (held.TakenOverFrom is { } gone)
                    options.OnNotice?.Invoke($"{runDir} was left running by process {gone.Pid} on {gone.Host} (started {gone.Started:u}), which has ended; continuing it from its last checkpoint");
            }

            ArgumentNullException.ThrowIfNull(config);
            MemoryPreflight.Check(kind.MemoryNeeds(config), options.MemoryLimit ?? MemoryPreflight.MachineLimit());
            var device = DeviceSelector.Resolve(config.Device);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var callbacks = new List<IRunCallback>(options.Callbacks);
            RunInfo? info = null;
            void Progress(RunProgress p)
            {
                options.OnProgress?.Invoke(p);
                foreach (var c in callbacks) c.OnProgress(info!, p);
            }

            var context = new RunContext(runDir, options.ConfigDirectory, device, clock, Progress, m => options.OnMessage?.Invoke(m), m => options.OnNotice?.Invoke(m));
            using var session = kind.Open(config, context);
            config = session.Config;
            var plan = session.Plan;
            var parts = session.CheckpointParts;
            // A folder killed before its step-0 checkpoint has nothing to lose: it runs again from step 0.
            var checkpointed = parts.Count > 0 && Checkpoint.Locate(runDir) is not null;
            if (options.Resume && parts.Count > 0 && !checkpointed && previous?.StepsCompleted > 0)
                throw new InvalidOperationException($"cannot resume {runDir}: it has no checkpoint (expected {Path.Combine(runDir, Checkpoint.FolderName, Checkpoint.StateFile)})");
            if (!options.Resume) held = RunFolder.Create(runDir, kind.Write(config));
            info = new RunInfo(kind, config, runDir, plan);
            callbacks.AddRange(kind.Callbacks(config));
            var report = new ReportCallback(options.OnNotice);
            if (options.BuildReport) callbacks.Add(report);
            // After the report: at the end it adds the report's heatmaps as images.
            if (options.TensorBoard && config.TensorBoard && kind.Scalars(config) is { Count: > 0 } scalars) callbacks.Add(new TensorBoardCallback(scalars, options.OnNotice));

            // Until a resumed checkpoint is read, the steps done are what the folder last said.
            long step = options.Resume ? previous?.StepsCompleted ?? 0 : 0;
            RunDriverOfSession? driver = null;
            var ledger = new RunLedger(runDir, previous, load, device, config.Seed, options.Smoke, started, clock, m => m with
            {
                Experiment = kind.Name,
                StepsCompleted = driver?.Step ?? step,
                StepsPlanned = plan.Steps,
                EpochsCompleted = plan.Epochs(driver?.Step ?? step),
                EpochsPlanned = plan.Epochs(plan.Steps),
                Overrides = options.Overrides.Count == 0 ? previous?.Overrides : options.Overrides,
            });

            try
            {
                ledger.Write(RunStatus.Running);
                IReadOnlyDictionary<string, long>? rows = null;
                bool trained = false;
                if (options.Resume && checkpointed)
                {
                    var state = Checkpoint.Load(runDir, parts);
                    (step, rows, ledger.ResumedFrom, trained) = (state.Step, state.FileRows, state.Step, state.Complete);
                    // A process killed after this checkpoint wrote no wall time; the checkpoint kept it.
                    if (previous?.WallSeconds is null && state.WallSeconds is double wall) ledger.EarlierSeconds = wall;
                }
                else if (options.Resume)
                {
                    // No checkpoint to continue from: the run starts again, its earlier data removed.
                    ledger.ResumedFrom = previous?.StepsCompleted ?? 0;
                    step = 0;
                    foreach (var file in session.Tables.Select(t => t.File).Append(RunFolder.SummaryFile))
                        File.Delete(Path.Combine(runDir, file));
                }

                foreach (var table in session.Tables) table.Open(rows);
                session.Start(rows is null ? null : step);
                driver = new RunDriverOfSession(step, trained, session, info, clock, Progress, ledger);
                ledger.Write(RunStatus.Running);
                foreach (var c in callbacks) c.OnStart(info);
                var (status, summary) = driver.Drive(fresh: rows is null, cancellation);
                foreach (var c in callbacks) c.OnEnd(info, status);
                return new RunResult<object>(runDir, status, driver.Step, plan.Epochs(driver.Step), summary) { ReportError = report.Error };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                foreach (var table in session.Tables) table.Dispose();
                ledger.MarkFailed(e);
                throw;
            }
        }
        finally
        {
            held?.Dispose();
        }
    }

    /// <summary>One run folder's session under <see cref="RunDriver"/>.</summary>
    private sealed class RunDriverOfSession(long start, bool trained, IRunSession session, RunInfo info, Stopwatch clock,
        Action<RunProgress> progress, RunLedger ledger) : RunDriver(start, trained)
    {
        protected override RunPlan Plan => info.Plan;

        protected override bool Checkpoints => session.CheckpointParts.Count > 0;

        protected override bool StopRequested => info.StopRequested;

        protected override bool TrainStep(long step, CancellationToken cancellation) => session.Step(step, cancellation);

        protected override string? StepDivergence => session.Divergence;

        protected override void Probe(long step)
        {
            var probe = session.Probe(step) with { IsProbe = true };
            // Every probe's rows reach the files, so that a report or freqscope watch sees the run as it goes.
            foreach (var table in session.Tables) table.Publish();
            Divergence = probe.Divergence;
            progress(probe);
        }

        protected override void SaveCheckpoint(long step, bool complete = false)
        {
            var counts = new Dictionary<string, long>();
            foreach (var table in session.Tables)
            {
                table.Flush();
                table.RecordRows(counts);
            }

            FaultPoint.Reach(FaultPoint.TablesFlushed);
            Checkpoint.Save(info.RunDirectory, step, counts, session.CheckpointParts, ledger.EarlierSeconds + clock.Elapsed.TotalSeconds, complete);
        }

        protected override void WriteManifests(string status, string? error = null) => ledger.Write(status, error);

        protected override object? Interrupt(long step)
        {
            var partial = session.Interrupt(step);
            foreach (var table in session.Tables) table.Flush();
            if (partial is not null) RunFolder.WriteSummary(info.RunDirectory, partial);
            return partial;
        }

        protected override object Finish(long step)
        {
            var summary = session.Finish(step, ledger.EarlierSeconds + clock.Elapsed.TotalSeconds);
            RunFolder.WriteSummary(info.RunDirectory, summary);
            return summary;
        }
    }

    /// <summary>
    /// Builds the report when the run stops with data to show (finished or interrupted); a failure is recorded in the
    /// manifest and told, never turned into a failed run (<see cref="RunFolder.TryBuildReport"/>).
    /// </summary>
    private sealed class ReportCallback(Action<string>? notice) : IRunCallback
    {
        public string? Error { get; private set; }

        public void OnEnd(RunInfo run, string status)
        {
            if (status is not (RunStatus.Finished or RunStatus.Interrupted or RunStatus.Diverged)) return;
            Error = RunFolder.TryBuildReport(run.RunDirectory, () => run.Kind.BuildReport(run.RunDirectory));
            if (Error is not null)
                notice?.Invoke($"the report could not be built ({Error}); the run's data are complete: build it with freqscope report {run.RunDirectory}");
        }
    }
}
