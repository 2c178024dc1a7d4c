using FreqScope.Data;

namespace FreqScope.Tests.Data;

public sealed class Cifar10ReaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("freqscope-cifar-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void BatchesConcatenateInOrderAsNchw()
    {
        var a = Write("data_batch_1.bin", TestDataFiles.CifarBatch(3));
        var b = Write("data_batch_2.bin", TestDataFiles.CifarBatch(2, labelOffset: 7));
        var data = Cifar10Reader.Read([a, b], "cifar10/train");

        Assert.Equal((5, 3, 32, 32, 3072, 10), (data.Count, data.Channels, data.Height, data.Width, data.Features, data.ClassCount));
        Assert.Equal([0, 1, 2, 7, 8], data.Labels);
        // Image 4 is record 1 of the second file; green (c = 1), row 17, column 9.
        Assert.Equal((1 + 50 * 1 + 5 * 17 + 9) % 256, data.Pixels[((4 * 3 + 1) * 32 + 17) * 32 + 9]);
        Assert.Equal((1 + 50 * 1 + 5 * 17 + 9) % 256, data.Image(4)[1024 + 17 * 32 + 9]);
        // Image 2 is record 2 of the first file; blue (c = 2), row 31, column 31.
        Assert.Equal((2 + 100 + 155 + 31) % 256, data.Pixels[((2 * 3 + 2) * 32 + 31) * 32 + 31]);
        Assert.Equal(0, data.Pixels[0]);
    }

    [Theory]
    [InlineData(3073 * 2 + 100, "6246 bytes is not a multiple of 3073", "2 whole records and 100 bytes left over")]
    [InlineData(3072, "3072 bytes is not a multiple of 3073", "0 whole records and 3072 bytes left over")]
    [InlineData(0, "the file is empty; expected a positive multiple of 3073 bytes", "1 label byte + 3072 pixel bytes")]
    public void LengthsThatAreNotWholeRecordsAreErrors(int length, string problem, string detail)
    {
        var path = Write("bad.bin", new byte[length]);
        var e = Assert.Throws<DataFileException>(() => Cifar10Reader.Read([path], "c"));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelAboveNineNamesRecordAndValue()
    {
        var bytes = TestDataFiles.CifarBatch(4);
        bytes[2 * 3073] = 11;
        var path = Write("b.bin", bytes);
        var e = Assert.Throws<DataFileException>(() => Cifar10Reader.Read([path], "c"));
        Assert.Contains("record 2 (0-based, at byte 6146) has label 11; expected 0 to 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingBatchNamesThePath()
    {
        var missing = Path.Combine(_dir.FullName, "test_batch.bin");
        var e = Assert.Throws<DataFileException>(() => Cifar10Reader.Read([missing], "c"));
        Assert.Equal(missing, e.FilePath);
        Assert.Contains("file not found", e.Message, StringComparison.Ordinal);
    }
}
