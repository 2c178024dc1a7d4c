using FreqScope.Core.Tables;

namespace FreqScope.Core.Runs;

/// <summary>
/// What an experiment kind supplies for one run; <see cref="RunLoop"/> owns the life cycle around it (the folder, the
/// manifest, resume, probe and checkpoint cadence, interrupts and failures). A session is opened before the run folder
/// exists, so that bad input is reported before anything is written; it writes files only from <see cref="Start"/> on.
/// </summary>
public interface IRunSession : IDisposable
{
    /// <summary>The config the run keeps in config.json (with relative paths made absolute, so that a resume finds them).</summary>
    IExperimentConfig Config { get; }

    /// <summary>The run's steps and their cadence.</summary>
    RunPlan Plan { get; }

    /// <summary>The CSV tables the session appends to: opened by the loop (cut back to the checkpoint's rows on resume).</summary>
    IReadOnlyList<RunTable> Tables { get; }

    /// <summary>The state a checkpoint holds besides the tables' rows; empty for a kind that keeps none (a resume runs it again from step 0).</summary>
    IReadOnlyList<ICheckpointPart> CheckpointParts { get; }

    /// <summary>
    /// The tables are open: a fresh run (<paramref name="resumedAt"/> null) writes its fixed files; a resumed one
    /// rebuilds what it keeps in memory from the tables. The loop probes step 0 of a fresh run right after.
    /// </summary>
    void Start(long? resumedAt);

    /// <summary>Runs step <paramref name="step"/> (0-based); false when it stopped part-way because of <paramref name="cancellation"/> (nothing of it counts).</summary>
    bool Step(long step, CancellationToken cancellation);

    /// <summary>Records the probe after <paramref name="step"/> steps and returns its progress.</summary>
    RunProgress Probe(long step);

    /// <summary>
    /// Why the training inside the last <see cref="Step"/> diverged, or null: a kind that trains inside one step, as
    /// poisson's network method does, stops that training at its first non-finite number and says so here; the loop
    /// then stops the run as <see cref="RunStatus.Diverged"/>, as after a probe that shows it (<see cref="RunProgress.Divergence"/>).
    /// </summary>
    string? Divergence => null;

    /// <summary>Writes the final files and returns the summary (the loop writes it to summary.json).</summary>
    object Finish(long step, double trainingSeconds);

    /// <summary>The run stops at <paramref name="step"/> before its end: a kind may record a last probe; returns its partial summary, or null for none.</summary>
    object? Interrupt(long step);
}
