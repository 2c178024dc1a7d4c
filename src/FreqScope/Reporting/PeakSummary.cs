namespace FreqScope.Reporting;

/// <summary>One entry of <c>summary.json</c> <c>peaks</c>.</summary>
/// <param name="Index">The DFT index k of the peak.</param>
/// <param name="Frequency">The frequency in cycles per unit of x.</param>
/// <param name="TargetAbs">|ŷ_k| of the target.</param>
/// <param name="ConvergedAtStep">First probe step with Δ_F(k) &lt; ε, or null if never.</param>
/// <param name="StableFromStep">First probe step from which Δ_F(k) stays below ε, or null.</param>
public sealed record PeakSummary(int Index, double Frequency, double TargetAbs, long? ConvergedAtStep, long? StableFromStep);
