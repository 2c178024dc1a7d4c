namespace FreqScope.Experiments.ImageFit;

/// <summary>One radial band of an image-fit run: its |k| range (cycles per image), final relative error and when it first fell below ε.</summary>
public sealed record ImageFitBandSummary(int Band, double Low, double High, double FinalRelativeError, long? ConvergedAtStep);
