using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Parity;

/// <summary>One row of a parity run's bands.csv: a radius band's relative error √(Σ P_{f−y} / Σ P_y) at a probe step.</summary>
public sealed record ParityBandRow(long Step, int Band, double RadiusMin, double RadiusMax, double RelativeError)
{
    /// <summary><c>bands.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ParityBandRow> Csv { get; } = new(ParityExperiment.BandsFile);
}
