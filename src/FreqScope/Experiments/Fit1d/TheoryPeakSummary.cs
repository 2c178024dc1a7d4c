namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// One target peak in the <c>theory</c> section of <c>summary.json</c>: the one-hidden-layer prediction of its
/// convergence step next to the measured one (see <see cref="FreqScope.Theory.OneHiddenLayerTheory"/>).
/// </summary>
/// <param name="Index">The peak's DFT index k (as in <c>peaks[].index</c>).</param>
/// <param name="AngularFrequency">Its angular frequency in radians per unit of x: 2π × <c>peaks[].frequency</c> (cycles per unit of x).</param>
/// <param name="RelativePriority">P(k)/P(k_lowest) (may underflow to 0 for a very slow peak).</param>
/// <param name="Log10RelativePriority">log10 of <paramref name="RelativePriority"/>, always finite.</param>
/// <param name="PredictedStep">The lowest peak's measured step × P(k_lowest)/P(k); null when the lowest peak never converged or the value exceeds the double range.</param>
/// <param name="MeasuredStep">The peak's <c>convergedAtStep</c>; null if it never converged.</param>
public sealed record TheoryPeakSummary(int Index, double AngularFrequency, double RelativePriority, double Log10RelativePriority, double? PredictedStep, long? MeasuredStep);
