using System.Buffers.Binary;
using System.IO.Compression;

namespace FreqScope.Data;

/// <summary>
/// Reads the IDX files of MNIST and Fashion-MNIST (LeCun's format): a 4-byte magic number
/// <c>00 00 TYPE NDIMS</c>, NDIMS big-endian 32-bit sizes, then the data, row-major. Only the type 0x08
/// (unsigned byte) is supported. A file is decompressed when it starts with the gzip magic bytes 1F 8B, whatever
/// its name; it must then be a single gzip member (as the published files are), whose trailer is checked to catch
/// truncation.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const uint ImageMagic = 0x00000803;

    /// <summary>Magic number of a label file: unsigned bytes, 1 dimension (count).</summary>
    public const uint LabelMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

    /// <summary>
    /// Reads an image file and its label file into a one-channel data set with 10 classes.
    /// </summary>
    /// <param name="imagesPath">An IDX image file (magic 0x00000803), gzipped or not.</param>
    /// <param name="labelsPath">The matching IDX label file (magic 0x00000801), gzipped or not.</param>
    /// <param name="name">The data set's name, e.g. <c>"mnist/train"</c>.</param>
    /// <exception cref="DataFileException">A file is missing, not IDX, truncated, too long, corrupt, the counts differ, or a label is not 0 … 9.</exception>
    public static ImageDataset Read(string imagesPath, string labelsPath, string name)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        ArgumentNullException.ThrowIfNull(name);
        return FromBytes(ReadBytes(imagesPath), imagesPath, ReadBytes(labelsPath), labelsPath, name);
    }

    /// <summary>
    /// <see cref="Read"/> on contents already read by <see cref="ReadBytes"/> (so that a loader can hash them
    /// first); the paths are for messages.
    /// </summary>
    internal static ImageDataset FromBytes(byte[] imageBytes, string imagesPath, byte[] labelBytes, string labelsPath, string name)
    {
        var (imageDims, imageData) = Parse(imageBytes, imagesPath, ImageMagic, "an IDX image file", "unsigned bytes, 3 dimensions");
        var (labelDims, labels) = Parse(labelBytes, labelsPath, LabelMagic, "an IDX label file", "unsigned bytes, 1 dimension");

        if (labelDims[0] != imageDims[0])
        {
            throw new DataFileException(labelsPath, null, $"holds {labelDims[0]} labels but {imagesPath} holds {imageDims[0]} images; expected one label per image");
        }

        const int classes = 10;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classes)
            {
                throw new DataFileException(labelsPath, null, $"label {labels[i]} of item {i} (0-based) is out of range; expected 0 to {classes - 1}");
            }
        }

        var pixels = new float[imageData.Length];
        for (int i = 0; i < imageData.Length; i++) pixels[i] = imageData[i];
        return new ImageDataset(name, 1, imageDims[1], imageDims[2], pixels, labels, classes);
    }

    /// <summary>
    /// Reads any unsigned-byte IDX file: its dimensions and its data (row-major, exactly the product of the
    /// dimensions long).
    /// </summary>
    /// <exception cref="DataFileException">The file is missing, not an unsigned-byte IDX file, truncated, too long or corrupt.</exception>
    public static (int[] Dims, byte[] Data) ReadArray(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ReadBytes(path), path, expectedMagic: null, what: null, meaning: null);
    }

    /// <summary>
    /// The whole content of <paramref name="path"/>, decompressed if it starts with the gzip magic bytes 1F 8B. The
    /// decompression reads no more than the IDX header inside announces (header plus one byte per value), so a
    /// corrupt file or a decompression bomb is refused after at most that many bytes, never by running out of memory.
    /// </summary>
    /// <exception cref="DataFileException">The file is missing or unreadable, or its gzip stream is corrupt or truncated.</exception>
    internal static byte[] ReadBytes(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            Span<byte> head = stackalloc byte[2];
            int got = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            file.Position = 0;
            if (got == 2 && head[0] == 0x1F && head[1] == 0x8B)
            {
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                var content = ReadBounded(gzip, path, rawLength: null);
                CheckGzipTrailer(file, content.Length, path);
                return content;
            }

            return ReadBounded(file, path, file.Length);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DataFileException(path, null, $"the gzip stream is corrupt or truncated ({e.Message}); delete the file and get it again", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataFileException.Unreadable(path, e);
        }
    }

    /// <summary>
    /// The IDX bytes of <paramref name="stream"/> (decompressed, or the file itself when <paramref name="rawLength"/>
    /// gives its length), read to the length its header announces and no further: more than that is refused at once,
    /// so a device that never ends or a file far longer than its header says is never read to its end. A header that
    /// is not an unsigned-byte IDX header is returned as read, for <see cref="Parse"/> to name what is wrong with it.
    /// </summary>
    private static byte[] ReadBounded(Stream stream, string path, long? rawLength)
    {
        var head = new byte[4];
        int got = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (got < 4 || head[0] != 0 || head[1] != 0 || head[2] != UnsignedByteType || head[3] == 0) return head[..got];
        int header = 4 + 4 * head[3];
        var bytes = new byte[header];
        head.CopyTo(bytes, 0);
        got = 4 + stream.ReadAtLeast(bytes.AsSpan(4), header - 4, throwOnEndOfStream: false);
        if (got < header) return bytes[..got];
        long expected = header;
        long product = 1;
        for (int d = 0; d < head[3]; d++)
        {
            product *= Math.Max(1u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * d)));
            if (product > Array.MaxLength) return bytes; // Parse names the dimensions that are too large
        }

        expected += product;
        if (expected > Array.MaxLength)
            throw new DataFileException(path, null, $"its IDX header announces {expected} bytes, more than an array holds ({Array.MaxLength})");
        // Read in chunks that grow with what arrives, so a header announcing far more than the file holds costs
        // no more memory than the file's bytes.
        var body = DataFileBytes.ReadUpTo(stream, expected - header, out bool more);
        var content = new byte[header + body.Length];
        bytes.CopyTo(content, 0);
        body.CopyTo(content, header);
        if (!more) return content;
        if (rawLength is { } length)
        {
            string shape = string.Join("×", Enumerable.Range(0, head[3]).Select(d => BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * d))));
            string extra = length > expected ? (length - expected).ToString(System.Globalization.CultureInfo.InvariantCulture) : "more";
            throw new DataFileException(path, null, $"{extra} extra bytes after the {expected - header} data bytes that dimensions {shape} call for; expected the file to end there");
        }

        throw new DataFileException(path, null,
            $"it decompresses to more than the {expected} bytes its IDX header announces; refused without reading further (a corrupt file or a decompression bomb): delete it and get it again");
    }

    /// <summary>
    /// GZipStream ends silently at the end of a truncated file, so the trailer is checked: the last 4 bytes of a
    /// (single-member) gzip file hold the decompressed length modulo 2³².
    /// </summary>
    private static void CheckGzipTrailer(FileStream file, long decompressed, string path)
    {
        Span<byte> trailer = stackalloc byte[4];
        if (file.Length >= 18)
        {
            file.Position = file.Length - 4;
            file.ReadExactly(trailer);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            if (size == (uint)decompressed) return;
            throw new DataFileException(path, null,
                $"the gzip stream is corrupt or truncated: {decompressed} bytes decompressed before it ended, but its last 4 bytes (the length field of a complete file) say {size}; delete the file and get it again");
        }

        throw new DataFileException(path, null, $"the gzip stream is corrupt or truncated: the file is {file.Length} bytes long, shorter than a gzip header and trailer (18 bytes)");
    }

    /// <summary>Parses IDX bytes; with <paramref name="expectedMagic"/>, the magic number must be exactly that.</summary>
    internal static (int[] Dims, byte[] Data) Parse(byte[] bytes, string path, uint? expectedMagic, string? what, string? meaning)
    {
        if (bytes.Length < 4)
        {
            throw new DataFileException(path, null, $"the file is {bytes.Length} bytes long; an IDX file starts with a 4-byte magic number 00 00 08 NDIMS");
        }

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (expectedMagic is uint expected && magic != expected)
        {
            throw new DataFileException(path, null, $"magic number 0x{magic:X8} is not {what}; expected 0x{expected:X8} ({meaning})");
        }

        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new DataFileException(path, null, $"magic number 0x{magic:X8} is not an IDX magic number; expected 0x0000 then a type code and the number of dimensions");
        }

        if (bytes[2] != UnsignedByteType)
        {
            throw new DataFileException(path, null, $"data type code 0x{bytes[2]:X2} is not supported; expected 0x08 (unsigned bytes)");
        }

        int ndims = bytes[3];
        if (ndims == 0) throw new DataFileException(path, null, "the magic number 0x00000800 declares 0 dimensions; expected at least 1");
        int header = 4 + 4 * ndims;
        if (bytes.Length < header)
        {
            throw new DataFileException(path, null, $"the file is truncated: {bytes.Length} bytes, but the header of {ndims} dimensions alone is {header} bytes");
        }

        var dims = new int[ndims];
        long product = 1;
        for (int d = 0; d < ndims; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (size == 0 || size > int.MaxValue)
            {
                throw new DataFileException(path, null, $"dimension {d} is {size}; expected a positive size below 2^31");
            }

            dims[d] = (int)size;
            product *= size;
            if (product > Array.MaxLength)
            {
                throw new DataFileException(path, null, $"dimensions {string.Join("×", dims.Take(d + 1))} hold more than {Array.MaxLength} values");
            }
        }

        long found = bytes.Length - header;
        string shape = string.Join("×", dims);
        if (found < product)
        {
            throw new DataFileException(path, null, $"the file is truncated: dimensions {shape} call for {product} data bytes after the {header}-byte header, found {found}");
        }

        if (found > product)
        {
            throw new DataFileException(path, null, $"{found - product} extra bytes after the {product} data bytes that dimensions {shape} call for; expected the file to end there");
        }

        return (dims, bytes.AsSpan(header).ToArray());
    }
}
