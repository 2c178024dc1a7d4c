namespace FreqScope.Experiments.FourierFeatures;

/// <summary>One row of spectra.csv or pde.csv: R(ξ) = re + i·im at a probe step (ξ in cycles per unit of x).</summary>
public sealed record FourierSpectrumRow(long Step, double Xi, double Re, double Im)
{
    /// <summary>|R(ξ)|.</summary>
    public double Magnitude => Math.Sqrt(Re * Re + Im * Im);
}
