namespace FreqScope.Experiments;

/// <summary>The outcome of <see cref="FourierExperiment.Run"/>.</summary>
public sealed record FourierRunResult(string RunDirectory, string Status, long StepsCompleted, FourierSummary? Summary);
