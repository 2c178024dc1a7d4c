namespace FreqScope.Experiments;

/// <summary>The outcome of <see cref="PoissonExperiment.Run"/>.</summary>
public sealed record PoissonRunResult(string RunDirectory, string Status, int MethodsCompleted, PoissonSummary? Summary);
