namespace FreqScope.Experiments;

/// <summary>The interpolation-path spectrum at one probe: the share of power above the cutoff, within and between classes.</summary>
public sealed record PathsEpochSummary(int Epoch, double WithinHighFraction, double BetweenHighFraction);
