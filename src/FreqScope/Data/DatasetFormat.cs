namespace FreqScope.Data;

/// <summary>How a catalogued data set is stored.</summary>
public enum DatasetFormat
{
    /// <summary>Four IDX files (train images and labels, test images and labels), read by <see cref="IdxReader"/>.</summary>
    Idx,

    /// <summary>CIFAR-10's binary batches in one tar.gz archive, read by <see cref="Cifar10Reader"/>.</summary>
    Cifar10Binary,
}
