namespace FreqScope.Data;

/// <summary>
/// Reads CIFAR-10's binary batches (<c>data_batch_1.bin</c> … <c>data_batch_5.bin</c>, <c>test_batch.bin</c>):
/// records of 1 label byte (0 … 9) and 3072 pixel bytes — 1024 red, 1024 green, 1024 blue, each a 32 × 32 image
/// row-major — which is already the NCHW layout of <see cref="ImageDataset"/>.
/// </summary>
public static class Cifar10Reader
{
    /// <summary>Rows and columns of an image.</summary>
    public const int Side = 32;

    /// <summary>Colour channels (red, green, blue).</summary>
    public const int Channels = 3;

    /// <summary>Pixel bytes per record: 3 × 32 × 32.</summary>
    public const int ImageBytes = Channels * Side * Side;

    /// <summary>Bytes per record: the label byte and <see cref="ImageBytes"/>.</summary>
    public const int RecordBytes = 1 + ImageBytes;

    private const int Classes = 10;

    /// <summary>Records in one batch file of CIFAR-10 (each of its six files holds 10000).</summary>
    public const int MaxBatchRecords = 10_000;

    /// <summary>
    /// The most bytes a batch file may hold, <see cref="MaxBatchRecords"/> records: a larger file (or archive entry)
    /// is refused after reading this many bytes, before it fills memory.
    /// </summary>
    public const long MaxBatchBytes = (long)MaxBatchRecords * RecordBytes;

    /// <summary>What a batch file (or archive entry) must be, for the messages about one that is larger.</summary>
    internal static readonly string BatchBound = $"a CIFAR-10 batch file of at most {MaxBatchBytes} bytes ({MaxBatchRecords} records)";

    /// <summary>Reads and concatenates the batch files, in the given order, into a 3 × 32 × 32 data set.</summary>
    /// <param name="batchPaths">One or more batch files.</param>
    /// <param name="name">The data set's name, e.g. <c>"cifar10/train"</c>.</param>
    /// <exception cref="DataFileException">A file is missing, its length is not a positive multiple of 3073 or more than <see cref="MaxBatchBytes"/>, or a label is not 0 … 9.</exception>
    public static ImageDataset Read(IReadOnlyList<string> batchPaths, string name)
    {
        ArgumentNullException.ThrowIfNull(batchPaths);
        var batches = new List<(string Source, byte[] Bytes)>(batchPaths.Count);
        foreach (var path in batchPaths)
        {
            ArgumentNullException.ThrowIfNull(path);
            var bytes = DataFileBytes.ReadUpTo(path, MaxBatchBytes, "a CIFAR-10 batch file", out bool more);
            if (more) throw new DataFileException(path, null, $"holds more than {MaxBatchBytes} bytes; expected {BatchBound}");
            Check(bytes, path);
            batches.Add((path, bytes));
        }

        return Parse(batches, name);
    }

    /// <summary>Parses batches already in memory (e.g. read from the tar.gz archive); <c>Source</c> names each in messages.</summary>
    /// <exception cref="ArgumentException">No batch is given.</exception>
    /// <exception cref="DataFileException">A batch's length is not a positive multiple of 3073, or a label is not 0 … 9.</exception>
    public static ImageDataset Parse(IReadOnlyList<(string Source, byte[] Bytes)> batches, string name)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(name);
        if (batches.Count == 0) throw new ArgumentException($"{name}: no CIFAR-10 batch given", nameof(batches));

        long total = 0;
        foreach (var (source, bytes) in batches)
        {
            Check(bytes, source);
            total += bytes.Length / RecordBytes;
        }

        if (total * ImageBytes > Array.MaxLength) throw new ArgumentException($"{name}: {total} images are too many for one array", nameof(batches));
        var pixels = new float[total * ImageBytes];
        var labels = new byte[total];
        long n = 0;
        foreach (var (source, bytes) in batches)
        {
            int records = bytes.Length / RecordBytes;
            for (int r = 0; r < records; r++, n++)
            {
                int offset = r * RecordBytes;
                byte label = bytes[offset];
                if (label >= Classes)
                {
                    throw new DataFileException(source, null, $"record {r} (0-based, at byte {offset}) has label {label}; expected 0 to {Classes - 1}");
                }

                labels[n] = label;
                var image = bytes.AsSpan(offset + 1, ImageBytes);
                var target = pixels.AsSpan((int)(n * ImageBytes), ImageBytes);
                for (int k = 0; k < ImageBytes; k++) target[k] = image[k];
            }
        }

        return new ImageDataset(name, Channels, Side, Side, pixels, labels, Classes);
    }

    private static void Check(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new DataFileException(source, null, $"the file is empty; expected a positive multiple of {RecordBytes} bytes (records of 1 label byte + {ImageBytes} pixel bytes)");
        }

        int remainder = bytes.Length % RecordBytes;
        if (remainder != 0)
        {
            throw new DataFileException(source, null,
                $"length {bytes.Length} bytes is not a multiple of {RecordBytes} (1 label byte + {ImageBytes} pixel bytes): {bytes.Length / RecordBytes} whole records and {remainder} bytes left over");
        }
    }
}
