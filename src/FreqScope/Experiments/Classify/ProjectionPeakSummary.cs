namespace FreqScope.Experiments.Classify;

/// <summary>One peak of the projected target spectrum: index in the frequency grid, frequency (cycles per unit of the projected coordinate) and convergence epochs.</summary>
public sealed record ProjectionPeakSummary(int Index, double Frequency, double TargetAbs, int? ConvergedAtEpoch, int? StableFromEpoch);
