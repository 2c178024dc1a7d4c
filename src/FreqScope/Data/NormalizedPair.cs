namespace FreqScope.Data;

/// <summary>Normalised training and test sets with the training set's per-channel statistics of x / 255.</summary>
/// <param name="Train">The normalised training set.</param>
/// <param name="Test">The normalised test set.</param>
/// <param name="ChannelMeans">Per channel, the mean of the training set's pixels / 255 (before normalisation).</param>
/// <param name="ChannelStds">Per channel, the population standard deviation of the training set's pixels / 255.</param>
public sealed record NormalizedPair(ImageDataset Train, ImageDataset Test, double[] ChannelMeans, double[] ChannelStds);
