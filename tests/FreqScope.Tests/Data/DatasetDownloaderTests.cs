using System.Security.Cryptography;
using FreqScope.Data;

namespace FreqScope.Tests.Data;

public sealed class DatasetDownloaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("freqscope-download-");
    private readonly LocalHttpServer _server = new();
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(100_001);
    private readonly List<string> _log = [];

    public void Dispose()
    {
        _server.Dispose();
        _dir.Delete(recursive: true);
    }

    private DatasetFile Blob(long? size = null, string? sha256 = null) =>
        new("blob.bin", size ?? _content.Length, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(_content)));

    private string Target => Path.Combine(_dir.FullName, "blob.bin");

    private string Download(DatasetFile file, params string[] mirrors)
    {
        using var downloader = new DatasetDownloader(log: _log.Add);
        return downloader.Download(file, mirrors, _dir.FullName);
    }

    [Fact]
    public void FullDownloadIsVerifiedAndRenamed()
    {
        _server.Add("/m/blob.bin", _content);
        var path = Download(Blob(), _server.BaseUrl + "m");
        Assert.Equal(Target, path);
        Assert.Equal(_content, File.ReadAllBytes(path));
        Assert.False(File.Exists(Target + ".part"));
        Assert.Equal([("/m/blob.bin", null, 200)], _server.Requests);
        Assert.Contains(_log, l => l.StartsWith("verified", StringComparison.Ordinal));

        // Already there: no second request.
        Download(Blob(), _server.BaseUrl + "m/");
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void PartialFileIsResumedWithARangeRequest()
    {
        _server.Add("/m/blob.bin", _content);
        int half = _content.Length / 2;
        File.WriteAllBytes(Target + ".part", _content[..half]);

        Download(Blob(), _server.BaseUrl + "m/");
        Assert.Equal(_content, File.ReadAllBytes(Target));
        Assert.Equal([("/m/blob.bin", $"bytes={half}-", 206)], _server.Requests);
        Assert.False(File.Exists(Target + ".part"));
    }

    [Fact]
    public void ServerThatIgnoresRangeCausesARestartFromZero()
    {
        _server.SupportsRange = false;
        _server.Add("/m/blob.bin", _content);
        // A wrong prefix: appending the full body to it would fail the checksum.
        File.WriteAllBytes(Target + ".part", new byte[1000]);

        Download(Blob(), _server.BaseUrl + "m/");
        Assert.Equal(_content, File.ReadAllBytes(Target));
        Assert.Equal([("/m/blob.bin", "bytes=1000-", 200)], _server.Requests);
    }

    [Fact]
    public void WrongChecksumThrowsWithBothHashesAndLeavesNoFile()
    {
        _server.Add("/m/blob.bin", _content);
        var expected = new string('a', 64);
        var actual = Convert.ToHexStringLower(SHA256.HashData(_content));
        var e = Assert.Throws<DataFileException>(() => Download(Blob(sha256: expected), _server.BaseUrl + "m/"));
        Assert.Equal(Target, e.FilePath);
        Assert.Contains($"expected {expected}, got {actual}", e.Message, StringComparison.Ordinal);
        Assert.Contains(_server.BaseUrl + "m/blob.bin", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Target + ".part"));
    }

    [Fact]
    public void WrongSizeIsReportedWithBothLengths()
    {
        _server.Add("/m/blob.bin", _content);
        var e = Assert.Throws<DataFileException>(() => Download(Blob(size: 99), _server.BaseUrl + "m/"));
        Assert.Contains($"received {_content.Length} bytes of blob.bin; expected 99", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public void FailingFirstMirrorFallsBackToTheSecond()
    {
        _server.Add("/good/blob.bin", _content);
        Download(Blob(), _server.BaseUrl + "dead/", _server.BaseUrl + "good/");
        Assert.Equal(_content, File.ReadAllBytes(Target));
        Assert.Equal([("/dead/blob.bin", null, 404), ("/good/blob.bin", null, 200)], _server.Requests);
        Assert.Contains(_log, l => l.Contains("dead/blob.bin failed: HTTP 404", StringComparison.Ordinal));
    }

    [Fact]
    public void WhenEveryMirrorFailsEachFailureIsReported()
    {
        _server.Add("/bad/blob.bin", new byte[_content.Length]);
        var e = Assert.Throws<DataFileException>(() => Download(Blob(), _server.BaseUrl + "dead/", _server.BaseUrl + "bad/"));
        Assert.Contains("could not download blob.bin from any of 2 mirror(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{_server.BaseUrl}dead/blob.bin: HTTP 404", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{_server.BaseUrl}bad/blob.bin: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256 mismatch", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }
}
