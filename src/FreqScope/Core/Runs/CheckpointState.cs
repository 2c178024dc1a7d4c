namespace FreqScope.Core.Runs;

/// <summary>What a checkpoint says of the run apart from its parts: the step, and the rows each data file had then.</summary>
public sealed record CheckpointState(long Step, IReadOnlyDictionary<string, long> FileRows);
