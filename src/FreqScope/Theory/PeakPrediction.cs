namespace FreqScope.Theory;

/// <summary>The one-hidden-layer prediction for one peak (see <see cref="OneHiddenLayerTheory.Predict"/>).</summary>
/// <param name="AngularFrequency">k, radians per unit of x.</param>
/// <param name="Log10RelativePriority">log10 P(k)/P(k_lowest), always finite (≤ 0 for the usual decreasing P).</param>
/// <param name="PredictedStep">step_lowest × P(k_lowest)/P(k); null without an anchor step or when it exceeds the double range.</param>
public sealed record PeakPrediction(double AngularFrequency, double Log10RelativePriority, double? PredictedStep)
{
    /// <summary>P(k)/P(k_lowest) = 10^<see cref="Log10RelativePriority"/> (0 when that underflows).</summary>
    public double RelativePriority => Math.Pow(10, Log10RelativePriority);
}
