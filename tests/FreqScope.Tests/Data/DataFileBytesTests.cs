using FreqScope.Core;
using FreqScope.Data;

namespace FreqScope.Tests.Data;

public sealed class DataFileBytesTests
{
    /// <summary>A stream that cannot seek and hands out at most 1000 bytes a read, as a pipe or a decompressor does.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1000)]);
    }

    [Theory]
    [InlineData(200_000, 199_999, true)]
    [InlineData(200_000, 200_000, false)]
    [InlineData(200_000, 200_001, false)]
    [InlineData(0, 10, false)]
    [InlineData(10, 0, true)]
    public void ReadsThePrefixUpToTheBoundAndSaysWhetherMoreFollows(int length, int bound, bool more)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        foreach (Stream stream in new Stream[] { new MemoryStream(bytes), new Trickle(bytes) })
        {
            var read = DataFileBytes.ReadUpTo(stream, bound, out bool followed);
            Assert.Equal(bytes.Take(bound), read);
            Assert.Equal(more, followed);
        }
    }

    [Fact]
    public void AnEndlessDeviceIsReadToTheBoundOnly()
    {
        var read = DataFileBytes.ReadUpTo("/dev/zero", 3 << 20, "a test file", out bool more);
        Assert.Equal(3 << 20, read.Length);
        Assert.True(more);
    }

    [Fact]
    public void AFolderIsNamedAsOne()
    {
        var e = Assert.Throws<DataFileException>(() => DataFileBytes.ReadUpTo(Path.GetTempPath(), 10, "a CSV file", out _));
        Assert.EndsWith("is a folder; expected a CSV file", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain text, é ü", 100, false, "plain text, é ü")]
    [InlineData("a\u001B[2Jb\u0000c\u0007", 100, false, "a\\x1B[2Jb\\x00c\\x07")]
    [InlineData("line\nnext\r", 100, false, "line\\x0Anext\\x0D")]
    [InlineData("line\nnext\r", 100, true, "line\nnext\\x0D")]
    [InlineData("bad \uFFFD byte, hidden \u202E turn", 100, false, "bad \\uFFFD byte, hidden \\u202E turn")]
    [InlineData("abcdef", 3, false, "abc…")]
    public void EscapesWhatATerminalWouldActOnAndCutsLongText(string text, int max, bool keepLineBreaks, string expected) =>
        Assert.Equal(expected, PrintableText.Escape(text, max, keepLineBreaks));
}
