using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Fit1d;

/// <summary>One row of <c>spectra.csv</c>: one kept DFT index at one probe step.</summary>
/// <param name="Step">The probe step.</param>
/// <param name="K">The DFT index.</param>
/// <param name="Frequency">The frequency in cycles per unit of x.</param>
/// <param name="OutputAbs">|ĥ_k| of the network output.</param>
/// <param name="TargetAbs">|ŷ_k| of the target.</param>
/// <param name="DeltaComplex">|ĥ_k − ŷ_k| / |ŷ_k|.</param>
/// <param name="DeltaMagnitude">||ĥ_k| − |ŷ_k|| / |ŷ_k|.</param>
public sealed record SpectrumRow(
    long Step,
    [CsvColumn(What = "DFT index")] int K,
    double Frequency,
    double OutputAbs,
    double TargetAbs,
    double DeltaComplex,
    double DeltaMagnitude)
{
    /// <summary><c>spectra.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<SpectrumRow> Csv { get; } = new("spectra.csv");
}
