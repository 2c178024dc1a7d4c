namespace FreqScope.Core.Runs;

/// <summary>
/// What a checkpoint says of the run apart from its parts: the step, the rows each data file had then, and the wall
/// seconds of every process of the run up to it (null in checkpoints written before FreqScope recorded them).
/// </summary>
public sealed record CheckpointState(long Step, IReadOnlyDictionary<string, long> FileRows)
{
    /// <summary>Wall seconds of the run's processes up to this checkpoint, so that a process killed after it still counts.</summary>
    public double? WallSeconds { get; init; }

    /// <summary>
    /// Whether training was over at this step: the plan's last step, or a stop a callback asked for (stop-at-loss).
    /// A run resumed from such a checkpoint writes its summary and trains no further.
    /// </summary>
    public bool Complete { get; init; }
}
