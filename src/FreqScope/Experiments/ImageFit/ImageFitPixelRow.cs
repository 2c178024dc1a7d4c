using FreqScope.Core.Tables;

namespace FreqScope.Experiments.ImageFit;

/// <summary>One pixel of an image-fit run's predictions.csv (Step the snapshot) or image.csv (Step 0, Split "train" or "test").</summary>
public sealed record ImageFitPixelRow(long Step, int I, int J, double Value, [CsvColumn(Values = ["train", "test"])] string Split)
{
    /// <summary><c>predictions.csv</c> (no split column): its header, writer and parser.</summary>
    public static CsvRows<ImageFitPixelRow> PredictionsCsv { get; } = new(ImageFitExperiment.PredictionsFile, "step,i,j,value");

    /// <summary><c>image.csv</c> (no step column: 0): its header, writer and parser.</summary>
    public static CsvRows<ImageFitPixelRow> ImageCsv { get; } = new(ImageFitExperiment.ImageFile, "i,j,value,split");
}
