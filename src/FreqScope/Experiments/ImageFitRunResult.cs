namespace FreqScope.Experiments;

/// <summary>The outcome of <see cref="ImageFitExperiment.Run"/>.</summary>
public sealed record ImageFitRunResult(string RunDirectory, string Status, long StepsCompleted, ImageFitSummary? Summary);
