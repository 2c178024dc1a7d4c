using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Fit1d;

/// <summary>One row of <c>metrics.csv</c>: the losses at one probe step.</summary>
/// <param name="Step">The training step (0 is the initial network).</param>
/// <param name="TrainLoss">Mean squared error on the training points.</param>
/// <param name="TestLoss">Mean squared error on the evaluation grid.</param>
public sealed record MetricRow(long Step, double TrainLoss, double TestLoss)
{
    /// <summary><c>metrics.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<MetricRow> Csv { get; } = new("metrics.csv");
}
