namespace FreqScope.Core.Runs;

/// <summary>
/// The steps of a run as <see cref="RunLoop"/> drives them: <see cref="Steps"/> steps, probed after every
/// <see cref="ProbeEvery"/>-th and the last one (and before the first, on a fresh run), checkpointed after every
/// <see cref="CheckpointEvery"/>-th one and when the run stops. An epoch-counted kind gives
/// <see cref="StepsPerEpoch"/>, so that the manifest counts epochs too.
/// </summary>
/// <param name="Steps">The loop's steps (≥ 0).</param>
public sealed record RunPlan(long Steps)
{
    /// <summary>Steps between probes; null when the kind records inside its steps and the loop never probes.</summary>
    public long? ProbeEvery { get; init; }

    /// <summary>Steps between checkpoints; null when the kind keeps no checkpoints.</summary>
    public long? CheckpointEvery { get; init; }

    /// <summary>Steps per epoch of an epoch-counted kind, else null.</summary>
    public long? StepsPerEpoch { get; init; }

    /// <summary>Whether the loop probes after <paramref name="step"/>.</summary>
    public bool IsProbeStep(long step) => ProbeEvery is long every && (step % every == 0 || step == Steps);

    /// <summary>Whether the loop checkpoints after <paramref name="step"/> (the last step's checkpoint comes with the finish).</summary>
    public bool IsCheckpointStep(long step) => CheckpointEvery is long every && step % every == 0 && step < Steps;

    /// <summary>Epochs completed after <paramref name="step"/>, or null for a kind that does not count epochs.</summary>
    public int? Epochs(long step) => StepsPerEpoch is long perEpoch ? (int)(step / perEpoch) : null;
}
