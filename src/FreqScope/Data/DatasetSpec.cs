namespace FreqScope.Data;

/// <summary>
/// Where a data set comes from and how it is laid out. For <see cref="DatasetFormat.Idx"/>, <see cref="TrainParts"/>
/// and <see cref="TestParts"/> are each (images file, labels file), names from <see cref="Files"/>; for
/// <see cref="DatasetFormat.Cifar10Binary"/>, <see cref="Files"/> is the single archive, which holds the batch files
/// named by <see cref="TrainParts"/> and <see cref="TestParts"/> in the folder <see cref="ArchiveFolder"/>.
/// </summary>
/// <param name="Name">The name used in configs and on the command line, e.g. <c>"fashion-mnist"</c>.</param>
/// <param name="Format">How the files are stored.</param>
/// <param name="Mirrors">Base URLs, each ending in <c>/</c>, tried in order; a file's URL is base + file name.</param>
/// <param name="Files">The files to download.</param>
/// <param name="TrainParts">The training set's file names.</param>
/// <param name="TestParts">The test set's file names.</param>
/// <param name="ArchiveFolder">The folder inside the archive that holds the parts (CIFAR-10 only).</param>
/// <param name="Channels">Channels per image.</param>
/// <param name="Height">Rows per image.</param>
/// <param name="Width">Columns per image.</param>
/// <param name="ClassCount">Number of classes.</param>
/// <param name="TrainCount">Images in the training set.</param>
/// <param name="TestCount">Images in the test set.</param>
public sealed record DatasetSpec(
    string Name,
    DatasetFormat Format,
    IReadOnlyList<string> Mirrors,
    IReadOnlyList<DatasetFile> Files,
    IReadOnlyList<string> TrainParts,
    IReadOnlyList<string> TestParts,
    string? ArchiveFolder,
    int Channels,
    int Height,
    int Width,
    int ClassCount,
    int TrainCount,
    int TestCount)
{
    /// <summary>The catalogued file called <paramref name="fileName"/>.</summary>
    /// <exception cref="ArgumentException">No file of this data set has that name.</exception>
    public DatasetFile File(string fileName) =>
        Files.FirstOrDefault(f => f.FileName == fileName)
        ?? throw new ArgumentException($"{Name}: no catalogued file \"{fileName}\"; files: {string.Join(", ", Files.Select(f => f.FileName))}", nameof(fileName));
}
