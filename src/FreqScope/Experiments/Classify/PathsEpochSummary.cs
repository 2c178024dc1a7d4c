namespace FreqScope.Experiments.Classify;

/// <summary>
/// The interpolation-path spectrum at one probe, within and between classes: the share of power above the cutoff,
/// and that power itself (Σ_{f &gt; cutoff} PSD δf, the part of the variance of s(t) at high frequency).
/// </summary>
public sealed record PathsEpochSummary(int Epoch, double WithinHighFraction, double BetweenHighFraction, double WithinHighPower = double.NaN, double BetweenHighPower = double.NaN);
