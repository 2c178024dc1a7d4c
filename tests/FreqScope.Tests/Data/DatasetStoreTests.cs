using System.Security.Cryptography;
using FreqScope.Data;

namespace FreqScope.Tests.Data;

public sealed class DatasetStoreTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("freqscope-store-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Dir(string name) => Directory.CreateDirectory(Path.Combine(_dir.FullName, name)).FullName;

    /// <summary>Writes MNIST-shaped train (6 images) and test (4 images) files under the given names.</summary>
    private static void WriteIdx(string dir, string trainImages, string trainLabels, string testImages, string testLabels, bool gzip)
    {
        byte[] Maybe(byte[] b) => gzip ? TestDataFiles.Gzip(b) : b;
        var (ti, tl) = TestDataFiles.Digits(6, 28, 28);
        var (si, sl) = TestDataFiles.Digits(4, 28, 28);
        File.WriteAllBytes(Path.Combine(dir, trainImages), Maybe(ti));
        File.WriteAllBytes(Path.Combine(dir, trainLabels), Maybe(tl));
        File.WriteAllBytes(Path.Combine(dir, testImages), Maybe(si));
        File.WriteAllBytes(Path.Combine(dir, testLabels), Maybe(sl));
    }

    private static void AssertDigits(DatasetPair pair, string name)
    {
        Assert.Equal((name + "/train", 6, 28, 28), (pair.Train.Name, pair.Train.Count, pair.Train.Height, pair.Train.Width));
        Assert.Equal((name + "/test", 4), (pair.Test.Name, pair.Test.Count));
        Assert.Equal((7 * 5 + 3 * 27 + 27) % 256, pair.Train.Image(5)[27 * 28 + 27]);
        Assert.Equal([0, 1, 2, 3], pair.Test.Labels);
    }

    [Theory]
    [InlineData("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", true)]
    [InlineData("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", false)]
    [InlineData("train-images.idx3-ubyte", "train-labels.idx1-ubyte", "t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte", false)]
    [InlineData("train-images.idx3-ubyte", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte", "t10k-labels.idx1-ubyte", false)]
    public void DataFolderAcceptsGzRawAndDottedNames(string a, string b, string c, string d, bool gzip)
    {
        var dir = Dir("idx");
        WriteIdx(dir, a, b, c, d, gzip);
        AssertDigits(DatasetStore.Load("mnist", dir, download: false), "mnist");
    }

    [Fact]
    public void MissingFilesListEveryPathLookedForAndTheFix()
    {
        var dir = Dir("partial");
        var (ti, tl) = TestDataFiles.Digits(2, 28, 28);
        File.WriteAllBytes(Path.Combine(dir, "train-images-idx3-ubyte"), ti);
        File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte"), tl);

        var e = Assert.Throws<DataFileException>(() => DatasetStore.Load("fashion-mnist", dir, download: true));
        Assert.Equal(dir, e.FilePath);
        foreach (var name in new[] { "t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte", "t10k-labels-idx1-ubyte.gz", "t10k-labels.idx1-ubyte" })
        {
            Assert.Contains("\n  " + Path.Combine(dir, name) + "\n", e.Message + "\n", StringComparison.Ordinal);
        }

        Assert.DoesNotContain("train-images", e.Message, StringComparison.Ordinal);
        Assert.Contains("--data", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"download\": true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyCacheWithoutDownloadSaysHowToFixIt()
    {
        var cache = Dir("cache");
        var e = Assert.Throws<DataFileException>(() => DatasetStore.Load(DatasetCatalog.Mnist, null, download: false, cacheDir: cache));
        Assert.Contains(Path.Combine(cache, "train-images-idx3-ubyte.gz"), e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(cache, "t10k-labels.idx1-ubyte"), e.Message, StringComparison.Ordinal);
        Assert.Contains("Pass --data DIR", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"download\": true", e.Message, StringComparison.Ordinal);
        Assert.Contains("https://ossci-datasets.s3.amazonaws.com/mnist/", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNameListsTheAllowedNames()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetStore.Load("svhn", null, download: false));
        Assert.Contains("unknown dataset \"svhn\"; expected one of: mnist, fashion-mnist, cifar10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImagesOfTheWrongShapeAreRejected()
    {
        var dir = Dir("shape");
        var (ti, tl) = TestDataFiles.Digits(2, 32, 32);
        foreach (var (name, bytes) in new[] { ("train-images-idx3-ubyte", ti), ("train-labels-idx1-ubyte", tl), ("t10k-images-idx3-ubyte", ti), ("t10k-labels-idx1-ubyte", tl) })
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        var e = Assert.Throws<DataFileException>(() => DatasetStore.Load("mnist", dir, download: false));
        Assert.Equal(Path.Combine(dir, "train-images-idx3-ubyte"), e.FilePath);
        Assert.Contains("images are 1×32×32; expected 1×28×28 for mnist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CacheFolderComesFromTheEnvironmentVariableOrHome()
    {
        Assert.Equal(Path.Combine("/data", "cifar10"), DatasetStore.CacheDirectoryFor("cifar10", "/data", "/home/u"));
        Assert.Equal(Path.Combine("/home/u", ".cache", "freqscope", "datasets", "mnist"), DatasetStore.CacheDirectoryFor("mnist", null, "/home/u"));
        Assert.Equal(Path.Combine("/home/u", ".cache", "freqscope", "datasets", "mnist"), DatasetStore.CacheDirectoryFor("mnist", " ", "/home/u"));
    }

    [Fact]
    public void CacheDownloadsMissingIdxFilesFromTheMirrorsAndVerifiesThem()
    {
        using var server = new LocalHttpServer();
        var (ti, tl) = TestDataFiles.Digits(6, 28, 28);
        var (si, sl) = TestDataFiles.Digits(4, 28, 28);
        var files = new List<DatasetFile>();
        foreach (var (name, raw) in new[] { ("train-images-idx3-ubyte.gz", ti), ("train-labels-idx1-ubyte.gz", tl), ("t10k-images-idx3-ubyte.gz", si), ("t10k-labels-idx1-ubyte.gz", sl) })
        {
            var gz = TestDataFiles.Gzip(raw);
            server.Add("/mirror/" + name, gz);
            files.Add(new DatasetFile(name, gz.Length, Convert.ToHexStringLower(SHA256.HashData(gz))));
        }

        var spec = DatasetCatalog.Mnist with { Mirrors = [server.BaseUrl + "mirror/"], Files = files };
        var cache = Path.Combine(_dir.FullName, "cache", "mnist");
        var log = new List<string>();
        AssertDigits(DatasetStore.Load(spec, null, download: true, log.Add, cacheDir: cache), "mnist");
        Assert.Equal(4, server.Requests.Count);
        Assert.True(File.Exists(Path.Combine(cache, "t10k-labels-idx1-ubyte.gz")));

        // Second load: from the cache, no request.
        AssertDigits(DatasetStore.Load(spec, null, download: false, cacheDir: cache), "mnist");
        Assert.Equal(4, server.Requests.Count);
    }

    private static IEnumerable<(string, byte[])> CifarEntries(string prefix) =>
        Enumerable.Range(1, 5).Select(i => ($"{prefix}data_batch_{i}.bin", TestDataFiles.CifarBatch(2, labelOffset: i)))
            .Append(($"{prefix}test_batch.bin", TestDataFiles.CifarBatch(3)))
            .Append(($"{prefix}batches.meta.txt", "airplane\n"u8.ToArray()));

    private static void AssertCifar(DatasetPair pair)
    {
        Assert.Equal(("cifar10/train", 10, 3, 32, 32), (pair.Train.Name, pair.Train.Count, pair.Train.Channels, pair.Train.Height, pair.Train.Width));
        Assert.Equal([1, 2, 2, 3, 3, 4, 4, 5, 5, 6], pair.Train.Labels);
        Assert.Equal([0, 1, 2], pair.Test.Labels);
        // Test image 2, red, row 3, column 4.
        Assert.Equal((2 + 0 + 15 + 4) % 256, pair.Test.Image(2)[3 * 32 + 4]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cifar-10-batches-bin/")]
    public void CifarBatchesAreFoundInTheFolderOrItsSubfolder(string prefix)
    {
        var dir = Dir("cifar");
        foreach (var (name, bytes) in CifarEntries(prefix))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, name))!);
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }

        AssertCifar(DatasetStore.Load("cifar10", dir, download: false));
    }

    [Fact]
    public void CifarArchiveInTheDataFolderIsReadWithoutExtracting()
    {
        var dir = Dir("cifar-archive");
        TestDataFiles.WriteTarGz(Path.Combine(dir, "cifar-10-binary.tar.gz"), CifarEntries("cifar-10-batches-bin/"));
        AssertCifar(DatasetStore.Load("cifar10", dir, download: false));
        Assert.Equal(["cifar-10-binary.tar.gz"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void CifarMissingListsBatchesInBothPlacesAndTheArchive()
    {
        var dir = Dir("cifar-missing");
        var e = Assert.Throws<DataFileException>(() => DatasetStore.Load("cifar10", dir, download: false));
        Assert.Contains(Path.Combine(dir, "data_batch_3.bin"), e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir, "cifar-10-batches-bin", "test_batch.bin"), e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir, "cifar-10-binary.tar.gz"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CifarCacheDownloadsAndExtractsTheArchive()
    {
        using var server = new LocalHttpServer();
        var archive = Path.Combine(_dir.FullName, "served.tar.gz");
        TestDataFiles.WriteTarGz(archive, CifarEntries("cifar-10-batches-bin/"));
        var bytes = File.ReadAllBytes(archive);
        server.Add("/kriz/cifar-10-binary.tar.gz", bytes);
        var spec = DatasetCatalog.Cifar10 with
        {
            Mirrors = [server.BaseUrl + "kriz/"],
            Files = [new DatasetFile("cifar-10-binary.tar.gz", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)))],
        };

        var cache = Dir("cifar-cache");
        AssertCifar(DatasetStore.Load(spec, null, download: true, cacheDir: cache));
        Assert.True(File.Exists(Path.Combine(cache, "cifar-10-batches-bin", "data_batch_5.bin")));
        Assert.DoesNotContain(Directory.GetDirectories(cache), d => Path.GetFileName(d).StartsWith(".extract", StringComparison.Ordinal));
        AssertCifar(DatasetStore.Load(spec, null, download: false, cacheDir: cache));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void ArchiveEntriesLeavingTheFolderAreRefused()
    {
        var archive = Path.Combine(_dir.FullName, "evil.tar.gz");
        TestDataFiles.WriteTarGz(archive, [("ok/a.bin", [1]), ("../escaped.bin", [2])]);
        var target = Dir("extract");
        var e = Assert.Throws<DataFileException>(() => TarGzArchive.Extract(archive, target, 1 << 20, "a small file"));
        Assert.Equal(archive, e.FilePath);
        Assert.Contains("entry \"../escaped.bin\"", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "escaped.bin")));
        Assert.Equal([1], File.ReadAllBytes(Path.Combine(target, "ok", "a.bin")));
    }

    [Fact]
    public void AnArchiveEntryLargerThanTheBoundIsRefusedFromItsHeaderWithItsSizeNamed()
    {
        // A hand-made ustar header announcing a 3 GiB data_batch_1.bin, and nothing behind it.
        var header = TestDataFiles.TarHeader("cifar-10-batches-bin/data_batch_1.bin", 3L << 30);
        var archive = Path.Combine(_dir.FullName, "huge.tar.gz");
        File.WriteAllBytes(archive, TestDataFiles.Gzip([.. header, .. new byte[1024]]));

        var e = Assert.Throws<DataFileException>(() => TarGzArchive.ReadFiles(archive, ["data_batch_1.bin"], Cifar10Reader.MaxBatchBytes, "a batch"));
        Assert.Contains($"its entry cifar-10-batches-bin/data_batch_1.bin is {3L << 30} bytes; expected a batch", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<DataFileException>(() => TarGzArchive.Extract(archive, Dir("huge"), Cifar10Reader.MaxBatchBytes, "a batch"));
        Assert.Contains($"is {3L << 30} bytes; expected a batch", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Dir("huge"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(99, false)]
    public void AnArchiveEntryIsReadUpToItsBoundAndNoByteMore(int bound, bool taken)
    {
        var archive = Path.Combine(_dir.FullName, "bound.tar.gz");
        var content = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        TestDataFiles.WriteTarGz(archive, [("d/a.bin", content)]);
        if (taken)
        {
            Assert.Equal(content, TarGzArchive.ReadFiles(archive, ["a.bin"], bound, "small")["a.bin"]);
            return;
        }

        var e = Assert.Throws<DataFileException>(() => TarGzArchive.ReadFiles(archive, ["a.bin"], bound, "at most 99 bytes"));
        Assert.EndsWith("its entry d/a.bin is 100 bytes; expected at most 99 bytes", e.Message, StringComparison.Ordinal);
    }
}
