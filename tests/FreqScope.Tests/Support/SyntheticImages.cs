using System.Buffers.Binary;
using System.IO.Compression;

namespace FreqScope.Tests.Support;

/// <summary>
/// Writes small learnable image datasets in the real file formats: MNIST-style IDX (train files gzipped, test files
/// raw, to exercise both) and CIFAR-10 binary batches. Class c is a bright blob at a class-specific position with
/// a little jitter and noise, so a small network learns it in a few epochs.
/// </summary>
public static class SyntheticImages
{
    /// <summary>Writes train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte.</summary>
    public static void WriteIdx(string dir, int trainCount, int testCount, int seed = 1)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(seed);
        var (trainImages, trainLabels) = Make(trainCount, 1, 28, rng);
        var (testImages, testLabels) = Make(testCount, 1, 28, rng);
        File.WriteAllBytes(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Gzip(Idx(0x803, [trainCount, 28, 28], trainImages)));
        File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), Gzip(Idx(0x801, [trainCount], trainLabels)));
        File.WriteAllBytes(Path.Combine(dir, "t10k-images-idx3-ubyte"), Idx(0x803, [testCount, 28, 28], testImages));
        File.WriteAllBytes(Path.Combine(dir, "t10k-labels-idx1-ubyte"), Idx(0x801, [testCount], testLabels));
    }

    /// <summary>Writes data_batch_1.bin … data_batch_5.bin (trainPerBatch images each) and test_batch.bin.</summary>
    public static void WriteCifar(string dir, int trainPerBatch, int testCount, int seed = 1)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(seed);
        for (int b = 1; b <= 5; b++)
            File.WriteAllBytes(Path.Combine(dir, $"data_batch_{b}.bin"), Cifar(trainPerBatch, rng));
        File.WriteAllBytes(Path.Combine(dir, "test_batch.bin"), Cifar(testCount, rng));
    }

    private static byte[] Cifar(int count, Random rng)
    {
        var (images, labels) = Make(count, 3, 32, rng);
        var bytes = new byte[count * 3073];
        for (int i = 0; i < count; i++)
        {
            bytes[i * 3073] = labels[i];
            Array.Copy(images, i * 3072, bytes, i * 3073 + 1, 3072);
        }

        return bytes;
    }

    private static (byte[] Images, byte[] Labels) Make(int count, int channels, int size, Random rng)
    {
        int plane = size * size;
        var images = new byte[count * channels * plane];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int c = i % 10;
            labels[i] = (byte)c;
            double cx = 4 + (c % 5) * (size - 8) / 4.0 + rng.NextDouble() * 2 - 1;
            double cy = size / 4.0 + (c / 5) * size / 2.0 + rng.NextDouble() * 2 - 1;
            for (int ch = 0; ch < channels; ch++)
            for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                double v = 200 * Math.Exp(-r2 / 8) + rng.Next(40);
                images[(i * channels + ch) * plane + y * size + x] = (byte)Math.Min(255, v);
            }
        }

        return (images, labels);
    }

    private static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest)) gz.Write(data);
        return buffer.ToArray();
    }
}
