using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Classify;

/// <summary>One row of a <c>classify</c> run's <c>metrics.csv</c>: loss and accuracy at one probed epoch.</summary>
/// <param name="Epoch">The epoch (0 is the network before training).</param>
/// <param name="Step">Optimizer steps taken by the end of the epoch.</param>
/// <param name="LearningRate">The learning rate in use at the end of the epoch.</param>
/// <param name="TrainLoss">Mean loss on the training set.</param>
/// <param name="TrainAccuracy">Accuracy on the training set.</param>
/// <param name="TestLoss">Mean loss on the test set.</param>
/// <param name="TestAccuracy">Accuracy on the test set.</param>
public sealed record ClassifyMetricRow(
    int Epoch,
    long Step,
    double LearningRate,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy)
{
    /// <summary><c>metrics.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ClassifyMetricRow> Csv { get; } = new(ClassifyRunFolderReader.MetricsFile);
}
