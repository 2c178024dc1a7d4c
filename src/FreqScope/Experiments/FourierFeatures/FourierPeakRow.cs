using FreqScope.Core.Tables;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>One row of peaks.csv: a target peak's relative error |R(ξ)|/|ŷ(ξ)| at a probe step, for the network and the PDE (NaN without a PDE).</summary>
public sealed record FourierPeakRow(long Step, double Xi, double NetworkError, double PdeError)
{
    /// <summary><c>peaks.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<FourierPeakRow> Csv { get; } = new(FourierExperiment.PeaksFile);
}
