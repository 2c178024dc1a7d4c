namespace FreqScope.Experiments;

/// <summary>The outcome of <see cref="NtkExperiment.Run"/>.</summary>
public sealed record NtkRunResult(string RunDirectory, string Status, long StepsCompleted, NtkSummary? Summary);
