using FreqScope.Data;

namespace FreqScope.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("freqscope-idx-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private DataFileException ReadFails(byte[] images, byte[] labels, string badName = "images")
    {
        var i = Write("images", images);
        var l = Write("labels", labels);
        var e = Assert.Throws<DataFileException>(() => IdxReader.Read(i, l, "t"));
        Assert.Equal(badName == "images" ? i : l, e.FilePath);
        Assert.StartsWith((badName == "images" ? i : l) + ": ", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void RawAndGzippedFilesRoundTripWhateverTheirNames(bool gzipImages, bool gzipLabels)
    {
        var (images, labels) = TestDataFiles.Digits(13, 5, 4);
        // Names say the opposite of the content: detection is by the 1F 8B magic bytes only.
        var i = Write(gzipImages ? "images.raw" : "images.gz", gzipImages ? TestDataFiles.Gzip(images) : images);
        var l = Write(gzipLabels ? "labels" : "labels.gz", gzipLabels ? TestDataFiles.Gzip(labels) : labels);

        var data = IdxReader.Read(i, l, "digits");
        Assert.Equal(("digits", 13, 1, 5, 4, 20, 10), (data.Name, data.Count, data.Channels, data.Height, data.Width, data.Features, data.ClassCount));
        for (int n = 0; n < 13; n++)
        {
            Assert.Equal(n % 10, data.Labels[n]);
            for (int y = 0; y < 5; y++)
                for (int x = 0; x < 4; x++)
                    Assert.Equal((7 * n + 3 * y + x) % 256, data.Pixels[(n * 5 + y) * 4 + x]);
        }
    }

    [Fact]
    public void ReadArrayGivesDimsAndDataOfAnyRank()
    {
        var data = Enumerable.Range(0, 24).Select(v => (byte)(v * 10)).ToArray();
        var (dims, read) = IdxReader.ReadArray(Write("a.gz", TestDataFiles.Gzip(TestDataFiles.Idx([2, 3, 4], data))));
        Assert.Equal([2, 3, 4], dims);
        Assert.Equal(data, read);
    }

    [Fact]
    public void TruncatedDataSaysHowManyBytesWereExpectedAndFound()
    {
        var (images, labels) = TestDataFiles.Digits(3, 4, 4);
        var e = ReadFails(images[..^5], labels);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("call for 48 data bytes after the 16-byte header, found 43", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedHeaderIsAnError()
    {
        var e = ReadFails([0, 0, 8, 3, 0, 0], TestDataFiles.Digits(1, 2, 2).Labels);
        Assert.Contains("6 bytes, but the header of 3 dimensions alone is 16 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingBytesAreAnError()
    {
        var (images, labels) = TestDataFiles.Digits(3, 4, 4);
        var e = ReadFails(images, [.. labels, 1, 2], badName: "labels");
        Assert.Contains("2 extra bytes after the 3 data bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelFileGivenAsImagesNamesBothMagicNumbers()
    {
        var (_, labels) = TestDataFiles.Digits(3, 4, 4);
        var e = ReadFails(labels, labels);
        Assert.Contains("magic number 0x00000801 is not an IDX image file; expected 0x00000803 (unsigned bytes, 3 dimensions)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageFileGivenAsLabelsNamesBothMagicNumbers()
    {
        var (images, _) = TestDataFiles.Digits(3, 4, 4);
        var e = ReadFails(images, images, badName: "labels");
        Assert.Contains("magic number 0x00000803 is not an IDX label file; expected 0x00000801 (unsigned bytes, 1 dimension)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherDataTypesAndNonIdxFilesAreRejectedByReadArray()
    {
        var floats = Write("f", TestDataFiles.Idx([2], new byte[8], type: 0x0D));
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadArray(floats));
        Assert.Contains("data type code 0x0D is not supported; expected 0x08", e.Message, StringComparison.Ordinal);

        var text = Write("t.txt", "hello world"u8.ToArray());
        e = Assert.Throws<DataFileException>(() => IdxReader.ReadArray(text));
        Assert.Contains("magic number 0x68656C6C is not an IDX magic number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroDimensionIsAnError()
    {
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadArray(Write("z", TestDataFiles.Idx([3, 0, 2], []))));
        Assert.Contains("dimension 1 is 0; expected a positive size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountMismatchNamesBothFilesAndCounts()
    {
        var (images, _) = TestDataFiles.Digits(5, 2, 2);
        var (_, labels) = TestDataFiles.Digits(4, 2, 2);
        var e = ReadFails(images, labels, badName: "labels");
        Assert.Contains("holds 4 labels but", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir.FullName, "images") + " holds 5 images", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelOutOfRangeNamesItemAndValue()
    {
        var (images, _) = TestDataFiles.Digits(4, 2, 2);
        var e = ReadFails(images, TestDataFiles.Idx([4], [1, 2, 10, 3]), badName: "labels");
        Assert.Contains("label 10 of item 2 (0-based) is out of range; expected 0 to 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedGzipStreamIsADataFileException()
    {
        var (images, labels) = TestDataFiles.Digits(50, 8, 8);
        var gz = TestDataFiles.Gzip(images);
        var e = ReadFails(gz[..(gz.Length / 2)], labels);
        Assert.Contains("gzip stream is corrupt or truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains($"but its last 4 bytes (the length field of a complete file) say", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptGzipStreamIsADataFileException()
    {
        var (images, labels) = TestDataFiles.Digits(50, 8, 8);
        var gz = TestDataFiles.Gzip(images);
        // Keep the 1F 8B magic, break the compression method and flags: the header itself is invalid.
        gz[2] = 0x63;
        gz[3] = 0xFF;
        var e = ReadFails(gz, labels);
        Assert.Contains("gzip stream is corrupt or truncated", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void AGzipThatDecompressesBeyondItsHeaderIsRefusedWithoutReadingOn()
    {
        var (images, labels) = TestDataFiles.Digits(50, 8, 8);
        // A valid header for 50 images of 8×8, then 64 MiB of zeros: a small file that expands far past what it announces.
        var bomb = new byte[images.Length + (64 << 20)];
        images.CopyTo(bomb, 0);
        var e = ReadFails(TestDataFiles.Gzip(bomb), labels);
        Assert.EndsWith($"it decompresses to more than the {images.Length} bytes its IDX header announces; refused without reading further (a corrupt file or a decompression bomb): delete it and get it again",
            e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGzipWhoseHeaderAnnouncesMoreThanAnArrayHoldsIsRefusedBeforeReadingIt()
    {
        var (_, labels) = TestDataFiles.Digits(1, 2, 2);
        // An image file's magic 00 00 08 03, then 2^30 images of 2×2: 4 GiB announced, nothing behind it.
        byte[] header = [0, 0, 8, 3, 0x40, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2];
        var e = ReadFails(TestDataFiles.Gzip(header), labels);
        Assert.Contains($"dimensions 1073741824×2 hold more than {Array.MaxLength} values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileGivesTheFullPath()
    {
        var (_, labels) = TestDataFiles.Digits(1, 2, 2);
        var missing = Path.Combine(_dir.FullName, "nope.gz");
        var e = Assert.Throws<DataFileException>(() => IdxReader.Read(missing, Write("l", labels), "t"));
        Assert.Equal(missing, e.FilePath);
        Assert.Contains("file not found", e.Message, StringComparison.Ordinal);
    }
}
