using FreqScope.Core.Tables;

namespace FreqScope.Experiments.ImageFit;

/// <summary>One row of an image-fit run's metrics.csv (PSNR in dB, peak 1).</summary>
public sealed record ImageFitMetricRow(long Step, double TrainMse, double TrainPsnr, double TestMse, double TestPsnr)
{
    /// <summary><c>metrics.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ImageFitMetricRow> Csv { get; } = new(ImageFitExperiment.MetricsFile);
}
