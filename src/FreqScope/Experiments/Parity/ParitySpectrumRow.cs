using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// One row of a parity run's spectra.csv: at a probe step and shell radius r (radians per unit of x), the shell power
/// of the network's output P_f(r) and of its residual P_{f−y}(r) on the training points.
/// </summary>
public sealed record ParitySpectrumRow(long Step, double Radius, double OutputPower, double ResidualPower)
{
    /// <summary><c>spectra.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ParitySpectrumRow> Csv { get; } = new(ParityExperiment.SpectraFile);
}
