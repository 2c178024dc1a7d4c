namespace FreqScope.Sweeps;

/// <summary>One condition of a sweep (the values of its condition keys) with a metric aggregated over its seeds.</summary>
/// <param name="Condition">The JSON values of the condition keys, in their order.</param>
/// <param name="Mean">The mean over the condition's finished members.</param>
/// <param name="Sd">The sample standard deviation (n − 1) for three or more members, else null.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Values">Every member's value.</param>
public sealed record SweepPoint(IReadOnlyList<string> Condition, double Mean, double? Sd, double Min, double Max, IReadOnlyList<double> Values);
