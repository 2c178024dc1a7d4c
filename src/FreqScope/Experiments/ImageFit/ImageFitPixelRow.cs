namespace FreqScope.Experiments.ImageFit;

/// <summary>One pixel of an image-fit run's predictions.csv (Step the snapshot) or image.csv (Step 0, Split "train" or "test").</summary>
public sealed record ImageFitPixelRow(long Step, int I, int J, double Value, string Split);
