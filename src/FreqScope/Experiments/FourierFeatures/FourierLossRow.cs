using FreqScope.Core.Tables;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>One row of loss.csv: the loss (1/2n) Σ (f − y)² at a probe step.</summary>
public sealed record FourierLossRow(long Step, double Loss)
{
    /// <summary><c>loss.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<FourierLossRow> Csv { get; } = new(FourierExperiment.LossFile);
}
