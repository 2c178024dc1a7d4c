namespace FreqScope.Experiments.Fit1d;

/// <summary>One target peak in <c>summary.json</c>: DFT index, frequency (cycles per unit of x) and convergence steps.</summary>
public sealed record PeakSummary(int Index, double Frequency, double TargetAbs, long? ConvergedAtStep, long? StableFromStep);
