namespace FreqScope.Experiments;

/// <summary>What a fit run ended with.</summary>
public sealed record FitRunResult(string RunDirectory, string Status, long StepsCompleted, FitSummary? Summary);
