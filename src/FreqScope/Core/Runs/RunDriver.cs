namespace FreqScope.Core.Runs;

/// <summary>
/// The part of the life cycle every run shares, written once: the first probe and checkpoint of a fresh run, the step
/// loop with its probe and checkpoint cadence, Ctrl-C (checkpoint, partial summary, <c>interrupted</c>), a step that
/// gives up (the last checkpoint stays the state to resume from), the final probe, the summary, the last checkpoint and
/// <c>finished</c>. <see cref="RunLoop"/> drives one run folder with it, and the fit1d ensemble drives the member
/// folders of one stacked network with it; each says what a probe, a checkpoint and a manifest are.
/// </summary>
/// <param name="start">The step the run starts from: 0, or a resumed checkpoint's.</param>
/// <param name="trained">Whether training was already over at <paramref name="start"/> (a resumed checkpoint saved after
/// the last step, or after a stop a callback asked for): the run then only writes its summary.</param>
internal abstract class RunDriver(long start, bool trained = false)
{
    /// <summary>The steps done so far (what a manifest reports, also on failure).</summary>
    public long Step { get; private set; } = start;

    /// <summary>Steps and cadence.</summary>
    protected abstract RunPlan Plan { get; }

    /// <summary>Whether the run saves checkpoints at all.</summary>
    protected abstract bool Checkpoints { get; }

    /// <summary>Whether a callback asked the run to stop early (as after a finished run).</summary>
    protected virtual bool StopRequested => false;

    /// <summary>One optimisation step from <paramref name="step"/>; false when it gave up part-way (cancelled).</summary>
    protected abstract bool TrainStep(long step, CancellationToken cancellation);

    /// <summary>Records the probe at <paramref name="step"/>.</summary>
    protected abstract void Probe(long step);

    /// <summary>
    /// Saves the checkpoint of <paramref name="step"/> (tables flushed, their row counts recorded); <paramref name="complete"/>
    /// after the last training step (<see cref="CheckpointState.Complete"/>).
    /// </summary>
    protected abstract void SaveCheckpoint(long step, bool complete = false);

    /// <summary>Writes the manifest(s) with <paramref name="status"/> (and, for a diverged run, <paramref name="error"/>).</summary>
    protected abstract void WriteManifests(string status, string? error = null);

    /// <summary>Why the last probe shows diverged training (<see cref="RunProgress.Divergence"/>), or null; a driver whose probes report no values leaves it null.</summary>
    protected string? Divergence { get; set; }

    /// <summary>Why the training inside the last step diverged (<see cref="IRunSession.Divergence"/>), or null.</summary>
    protected virtual string? StepDivergence => null;

    /// <summary>Flushes the tables and writes the partial summary, if any; returns it.</summary>
    protected abstract object? Interrupt(long step);

    /// <summary>Computes and writes the summary; returns it.</summary>
    protected abstract object Finish(long step);

    /// <summary>Runs from <see cref="Step"/> (<paramref name="fresh"/> for a new run) to the end or an interruption.</summary>
    /// <returns>The status reached (<see cref="RunStatus.Finished"/> or <see cref="RunStatus.Interrupted"/>) and the summary written.</returns>
    public (string Status, object? Summary) Drive(bool fresh, CancellationToken cancellation)
    {
        var plan = Plan;
        // A resumed checkpoint was saved after its step's probe, when that step is a probe step.
        long? lastProbe = !fresh && plan.IsProbeStep(Step) ? Step : null;
        void ProbeAt(long at)
        {
            lastProbe = at;
            Probe(at);
        }

        if (fresh && plan.ProbeEvery is not null) ProbeAt(0);
        if (Divergence is not null) return Diverged();
        // A fresh run is resumable from its first moment: a kill before the first cadence checkpoint loses nothing.
        if (fresh && Checkpoints) SaveCheckpoint(Step);
        while (!trained && Step < plan.Steps)
        {
            if (cancellation.IsCancellationRequested) return Interrupted(checkpoint: true);
            // A step abandoned part-way leaves the last checkpoint as the state to resume from.
            if (!TrainStep(Step, cancellation)) return Interrupted(checkpoint: false);
            Step++;
            Divergence ??= StepDivergence;
            if (Divergence is not null) return Diverged();
            if (plan.IsProbeStep(Step)) ProbeAt(Step);
            if (Divergence is not null) return Diverged();
            if (StopRequested) break;
            if (plan.IsCheckpointStep(Step))
            {
                SaveCheckpoint(Step);
                WriteManifests(RunStatus.Running);
            }
        }

        if (plan.ProbeEvery is not null && lastProbe != Step) ProbeAt(Step);
        if (Divergence is not null) return Diverged();
        var summary = Finish(Step);
        if (Checkpoints) SaveCheckpoint(Step, complete: true);
        WriteManifests(RunStatus.Finished);
        return (RunStatus.Finished, summary);
    }

    /// <summary>
    /// Stops at a probe that showed diverged training: the tables as far as they go, the partial summary, and
    /// <see cref="RunStatus.Diverged"/> with the step and the value. No checkpoint: there is nothing to continue.
    /// </summary>
    private (string Status, object? Summary) Diverged()
    {
        var partial = Interrupt(Step);
        WriteManifests(RunStatus.Diverged, $"training diverged at step {Step}: {Divergence}");
        return (RunStatus.Diverged, partial);
    }

    private (string Status, object? Summary) Interrupted(bool checkpoint)
    {
        if (checkpoint && Checkpoints) SaveCheckpoint(Step);
        var partial = Interrupt(Step);
        WriteManifests(RunStatus.Interrupted);
        return (RunStatus.Interrupted, partial);
    }
}
