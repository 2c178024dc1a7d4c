namespace FreqScope.Experiments.FourierFeatures;

/// <summary>One row of peaks.csv: a target peak's relative error |R(ξ)|/|ŷ(ξ)| at a probe step, for the network and the PDE (NaN without a PDE).</summary>
public sealed record FourierPeakRow(long Step, double Xi, double NetworkError, double PdeError);
