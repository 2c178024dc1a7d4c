using FreqScope.Core.Tables;

namespace FreqScope.Experiments.ImageFit;

/// <summary>One row of an image-fit run's bands.csv: band b covers |k| ∈ [Low, High) cycles per image.</summary>
public sealed record ImageFitBandRow(long Step, int Band, double Low, double High, double RelativeError)
{
    /// <summary><c>bands.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ImageFitBandRow> Csv { get; } = new(ImageFitExperiment.BandsFile);
}
