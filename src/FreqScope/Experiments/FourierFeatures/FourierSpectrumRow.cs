using FreqScope.Core.Tables;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>One row of spectra.csv or pde.csv: R(ξ) = re + i·im at a probe step (ξ in cycles per unit of x).</summary>
public sealed record FourierSpectrumRow(long Step, double Xi, [CsvColumn("network_re", "pde_re")] double Re, [CsvColumn("network_im", "pde_im")] double Im)
{
    /// <summary><c>spectra.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<FourierSpectrumRow> Csv { get; } = new(FourierExperiment.SpectraFile);

    /// <summary><c>pde.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<FourierSpectrumRow> PdeCsv { get; } = new(FourierExperiment.PdeFile, "step,xi,pde_re,pde_im");


    /// <summary>|R(ξ)|.</summary>
    public double Magnitude => Math.Sqrt(Re * Re + Im * Im);
}
