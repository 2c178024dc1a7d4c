namespace FreqScope.Experiments;

/// <summary>The outcome of <see cref="ParityExperiment.Run"/>.</summary>
public sealed record ParityRunResult(string RunDirectory, string Status, long StepsCompleted, ParitySummary? Summary);
