namespace FreqScope.Experiments;

/// <summary>Progress of a fit run, reported at each probe step.</summary>
public sealed record FitProgress(long Step, long TotalSteps, double TrainLoss, double TestLoss, TimeSpan Elapsed);
