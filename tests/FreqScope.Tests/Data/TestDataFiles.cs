using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;

namespace FreqScope.Tests.Data;

/// <summary>Builds small IDX, CIFAR-10 and tar.gz files for the data tests.</summary>
internal static class TestDataFiles
{
    /// <summary>An IDX file: magic 00 00 08 NDIMS, big-endian sizes, then <paramref name="data"/>.</summary>
    public static byte[] Idx(int[] dims, byte[] data, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>Images whose pixel (i, y, x) is (7i + 3y + x) mod 256, and labels i mod 10.</summary>
    public static (byte[] Images, byte[] Labels) Digits(int count, int rows, int cols)
    {
        var pixels = new byte[count * rows * cols];
        for (int i = 0; i < count; i++)
            for (int y = 0; y < rows; y++)
                for (int x = 0; x < cols; x++)
                    pixels[(i * rows + y) * cols + x] = (byte)((7 * i + 3 * y + x) % 256);
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        return (Idx([count, rows, cols], pixels), Idx([count], labels));
    }

    /// <summary>CIFAR records whose pixel (record r, channel c, row y, column x) is (r + 50c + 5y + x) mod 256, label (r + offset) mod 10.</summary>
    public static byte[] CifarBatch(int records, int labelOffset = 0)
    {
        var bytes = new byte[records * 3073];
        for (int r = 0; r < records; r++)
        {
            bytes[r * 3073] = (byte)((r + labelOffset) % 10);
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        bytes[r * 3073 + 1 + c * 1024 + y * 32 + x] = (byte)((r + 50 * c + 5 * y + x) % 256);
        }

        return bytes;
    }

    /// <summary>A hand-made ustar header of a regular file <paramref name="name"/> announcing <paramref name="size"/> bytes (more than TarWriter writes without the data).</summary>
    public static byte[] TarHeader(string name, long size)
    {
        var header = new byte[512];
        void Field(int offset, string text) => System.Text.Encoding.ASCII.GetBytes(text).CopyTo(header, offset);
        Field(0, name);
        Field(100, "0000644\0");
        Field(108, "0000000\0");
        Field(116, "0000000\0");
        Field(124, Convert.ToString(size, 8).PadLeft(11, '0') + "\0");
        Field(136, "00000000000\0");
        header[156] = (byte)'0';
        Field(257, "ustar\0");
        Field(263, "00");
        for (int i = 148; i < 156; i++) header[i] = (byte)' ';
        Field(148, Convert.ToString(header.Sum(b => (int)b), 8).PadLeft(6, '0') + "\0 ");
        return header;
    }

    /// <summary>A tar.gz of regular files (entry name → content).</summary>
    public static void WriteTarGz(string path, IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
            writer.WriteEntry(entry);
        }
    }
}
