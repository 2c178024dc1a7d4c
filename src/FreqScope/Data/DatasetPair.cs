namespace FreqScope.Data;

/// <summary>A data set's training and test parts.</summary>
/// <param name="Train">The training images.</param>
/// <param name="Test">The test images.</param>
public sealed record DatasetPair(ImageDataset Train, ImageDataset Test);
