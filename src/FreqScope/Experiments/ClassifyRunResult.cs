namespace FreqScope.Experiments;

/// <summary>What a classify run ended with.</summary>
public sealed record ClassifyRunResult(string RunDirectory, string Status, int EpochsCompleted, long StepsCompleted, ClassifySummary? Summary);
