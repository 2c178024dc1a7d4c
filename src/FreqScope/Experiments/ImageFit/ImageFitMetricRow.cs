namespace FreqScope.Experiments.ImageFit;

/// <summary>One row of an image-fit run's metrics.csv (PSNR in dB, peak 1).</summary>
public sealed record ImageFitMetricRow(long Step, double TrainMse, double TrainPsnr, double TestMse, double TestPsnr);
