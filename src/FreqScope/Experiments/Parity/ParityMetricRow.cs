using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Parity;

/// <summary>One row of a parity run's metrics.csv: MSE (1/n) Σ (f − y)² and sign accuracy on both sets at a probe step.</summary>
public sealed record ParityMetricRow(long Step, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy)
{
    /// <summary><c>metrics.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ParityMetricRow> Csv { get; } = new(ParityExperiment.MetricsFile);
}
