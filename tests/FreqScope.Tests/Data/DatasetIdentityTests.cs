using System.Text.Json;
using FreqScope.Cli;
using FreqScope.Data;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Data;

/// <summary>
/// Which data set a folder holds, by the content MD5 of its files: the published files are verified, another
/// catalogued data set's files are refused naming both, files that match nothing are run on as given with a note;
/// the hashes are remembered by path, size and last-write time.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DatasetIdentityTests : IDisposable
{
    private const string RealFashion = "/usr/share/datasets/fashion-mnist";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("freqscope-identity-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string CachePath => Path.Combine(_dir.FullName, "cache", ContentHashCache.FileName);

    private static void SkipWithoutRealFashion()
    {
        if (!Directory.Exists(RealFashion)) Assert.Skip($"{RealFashion} does not exist (Debian package dataset-fashion-mnist not installed)");
    }

    private string Synthetic()
    {
        var data = Path.Combine(_dir.FullName, "data");
        SyntheticImages.WriteIdx(data, trainCount: 30, testCount: 20);
        return data;
    }

    private DatasetPair Load(string name, string dir, ContentHashCache hashes, List<string>? log = null) =>
        DatasetStore.Load(DatasetCatalog.Get(name), dir, download: false, log is null ? null : log.Add, null, null, hashes);

    [Fact]
    public void ASyntheticFolderIsReadAsGivenMarkedUnverifiedWithTheNote()
    {
        var data = Synthetic();
        var log = new List<string>();
        var pair = Load("fashion-mnist", data, new ContentHashCache(CachePath), log);

        Assert.Equal((30, 20), (pair.Train.Count, pair.Test.Count));
        Assert.Equal(DataIdentity.Unverified, pair.Identity);
        Assert.NotNull(pair.IdentityNote);
        Assert.StartsWith($"note: the files in {data} are not the published fashion-mnist (content differs: train-images-idx3-ubyte.gz has MD5 ", pair.IdentityNote);
        Assert.EndsWith("published one f4a8712d7a061bf5bd6d2ca38dc4d50a, and 3 more files differ); running on them as given", pair.IdentityNote);
        Assert.DoesNotContain('\n', pair.IdentityNote);
        Assert.Contains(pair.IdentityNote, log);
    }

    [Fact]
    public void AFileOfAnotherCataloguedDataSetIsRefusedNamingBoth()
    {
        // Timing-free and without the real files: the content MD5 of one file is Fashion-MNIST's.
        var parts = DatasetCatalog.Mnist.TrainParts.Concat(DatasetCatalog.Mnist.TestParts).ToList();
        var found = parts.ToDictionary(p => p, p => Path.Combine("/data", p));
        var md5 = parts.ToDictionary(p => p, _ => new string('0', 32));
        md5["t10k-labels-idx1-ubyte.gz"] = DatasetCatalog.FashionMnist.File("t10k-labels-idx1-ubyte.gz").ContentMd5!;

        var e = Assert.Throws<DataFileException>(() => DatasetStore.Identify(DatasetCatalog.Mnist, "/data", found, md5));
        Assert.Equal("/data", e.FilePath);
        Assert.Equal(
            "/data: holds fashion-mnist, not mnist: the content MD5 of t10k-labels-idx1-ubyte.gz (15d484375f8d13e6eb1aabb0c3f46965) is that of fashion-mnist's t10k-labels-idx1-ubyte.gz, but data.dataset is \"mnist\"; expected the mnist files there, or data.dataset \"fashion-mnist\"",
            e.Message);

        // The same hashes named as Fashion-MNIST's own are not a refusal, only unverified (three files differ).
        var (identity, note) = DatasetStore.Identify(DatasetCatalog.FashionMnist, "/data", found, md5);
        Assert.Equal(DataIdentity.Unverified, identity);
        Assert.Contains("and 2 more files differ", note);
    }

    [Fact]
    public void RealFashionMnistIsVerifiedAsItselfAndRefusedAsMnist()
    {
        SkipWithoutRealFashion();
        var hashes = new ContentHashCache(CachePath);
        var pair = Load("fashion-mnist", RealFashion, hashes);
        Assert.Equal(DataIdentity.Verified, pair.Identity);
        Assert.Null(pair.IdentityNote);
        Assert.Equal(4, hashes.Computed);

        var e = Assert.Throws<DataFileException>(() => Load("mnist", RealFashion, new ContentHashCache(CachePath)));
        Assert.StartsWith($"{RealFashion}: holds fashion-mnist, not mnist: the content MD5 of train-images-idx3-ubyte.gz (f4a8712d7a061bf5bd6d2ca38dc4d50a)", e.Message);
        Assert.EndsWith("but data.dataset is \"mnist\"; expected the mnist files there, or data.dataset \"fashion-mnist\"", e.Message);
    }

    [Fact]
    public void TheCommandLineRefusesTheFashionMnistFolderForAnMnistConfigInOneLine()
    {
        SkipWithoutRealFashion();
        var run = Path.Combine(_dir.FullName, "run");
        var (code, output) = CliRunner.Run("run", Path.Combine(RepoPaths.Experiments, "mnist-mlp-projection.json"), "--smoke", "--data", RealFashion, "--out", run);

        Assert.Equal(CliApp.ExitError, code);
        var errors = output.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.StartsWith($"error: {RealFashion}: holds fashion-mnist, not mnist: ", error);
        Assert.Contains("data.dataset is \"mnist\"; expected the mnist files there, or data.dataset \"fashion-mnist\"", error);
        Assert.DoesNotContain("   at ", output);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void ARunRecordsItsDataIdentityAndSaysWhenTheFilesAreNotThePublishedOnes()
    {
        var data = Path.Combine(_dir.FullName, "data");
        SyntheticImages.WriteIdx(data, trainCount: 600, testCount: 200);
        var config = Path.Combine(RepoPaths.Experiments, "fashion-mnist-mlp-filtering.json");
        string Identity(string run) => JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json"))).RootElement.GetProperty("dataIdentity").GetString()!;

        var synthetic = Path.Combine(_dir.FullName, "synthetic");
        var (code, output) = CliRunner.Run("run", config, "--smoke", "--no-report", "--data", data, "--out", synthetic, "--epochs", "1");
        Assert.True(code == CliApp.ExitOk, output);
        Assert.Contains($"note: the files in {data} are not the published fashion-mnist (content differs: ", output);
        Assert.Equal("unverified", Identity(synthetic));

        if (!Directory.Exists(RealFashion)) return;
        var real = Path.Combine(_dir.FullName, "real");
        (code, output) = CliRunner.Run("run", config, "--smoke", "--no-report", "--data", RealFashion, "--out", real, "--epochs", "1");
        Assert.True(code == CliApp.ExitOk, output);
        Assert.DoesNotContain("note: ", output);
        Assert.Equal("verified", Identity(real));
    }

    [Fact]
    public void ASecondLoadTakesTheHashesFromTheCacheAndATouchedFileIsHashedAgain()
    {
        var data = Synthetic();
        var first = new ContentHashCache(CachePath);
        var pair = Load("mnist", data, first);
        Assert.Equal(4, first.Computed);
        var written = ContentHashCache.Read(CachePath);
        Assert.Equal(4, written.Count);
        var trainImages = Path.Combine(data, "train-images-idx3-ubyte.gz");
        Assert.Equal(new FileInfo(trainImages).Length, written[trainImages].Size);

        var second = new ContentHashCache(CachePath);
        var again = Load("mnist", data, second);
        Assert.Equal(0, second.Computed);
        Assert.Equal(pair.IdentityNote, again.IdentityNote);

        File.SetLastWriteTimeUtc(trainImages, File.GetLastWriteTimeUtc(trainImages).AddSeconds(-10));
        var third = new ContentHashCache(CachePath);
        Assert.Equal(pair.IdentityNote, Load("mnist", data, third).IdentityNote);
        Assert.Equal(1, third.Computed);
        Assert.Equal(File.GetLastWriteTimeUtc(trainImages).Ticks, ContentHashCache.Read(CachePath)[trainImages].LastWriteTicks);

        // A changed file of the same size and time would not be noticed; one of another size is.
        var labels = Path.Combine(data, "t10k-labels-idx1-ubyte");
        var time = File.GetLastWriteTimeUtc(labels);
        File.WriteAllBytes(labels, File.ReadAllBytes(labels)[..^1]);
        File.SetLastWriteTimeUtc(labels, time);
        var fourth = new ContentHashCache(CachePath);
        Assert.Throws<DataFileException>(() => Load("mnist", data, fourth));
        Assert.Equal(1, fourth.Computed);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("wrong-md5")]
    [InlineData("too-large")]
    public void ADamagedCacheFileIsIgnoredAndRewritten(string damage)
    {
        var data = Synthetic();
        Load("mnist", data, new ContentHashCache(CachePath));
        string text = File.ReadAllText(CachePath);
        var damaged = damage switch
        {
            "garbage" => "\0\u0001 not json at all",
            "truncated" => text[..(text.Length / 2)],
            "wrong-md5" => text.Replace("\"contentMd5\": \"", "\"contentMd5\": \"zz", StringComparison.Ordinal),
            _ => text.TrimEnd()[..^1] + new string(' ', ContentHashCache.MaxBytes) + "}",
        };
        File.WriteAllText(CachePath, damaged);

        var hashes = new ContentHashCache(CachePath);
        var pair = Load("mnist", data, hashes);
        Assert.Equal(DataIdentity.Unverified, pair.Identity);
        Assert.Equal(4, hashes.Computed);
        Assert.Equal(4, ContentHashCache.Read(CachePath).Count);
    }

    [Fact]
    public void ACacheThatCannotBeWrittenOnlyCostsTheHashing()
    {
        var data = Synthetic();
        var blocker = Path.Combine(_dir.FullName, "blocker");
        File.WriteAllText(blocker, "a file where the cache's folder would be");
        var path = Path.Combine(blocker, ContentHashCache.FileName);

        var first = new ContentHashCache(path);
        Assert.Equal((30, 20), (Load("mnist", data, first).Train.Count, Load("mnist", data, new ContentHashCache(path)).Test.Count));
        Assert.Equal(4, first.Computed);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_dir.FullName, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void TheDefaultCacheFileLiesBesideTheDataSetsCacheFolders()
    {
        var folder = Path.GetDirectoryName(DatasetStore.DefaultCacheDirectory("mnist"))!;
        Assert.Equal(Path.Combine(folder, "content-md5.json"), ContentHashCache.Default().Path);
        Assert.Equal(folder, Path.GetDirectoryName(DatasetStore.DefaultCacheDirectory("cifar10")));
    }

    [Fact]
    public void CifarBatchesAreAlwaysUnverifiedAndSaySo()
    {
        var data = Path.Combine(_dir.FullName, "cifar");
        SyntheticImages.WriteCifar(data, trainPerBatch: 10, testCount: 10);
        var log = new List<string>();
        var pair = Load("cifar10", data, new ContentHashCache(CachePath), log);

        Assert.Equal(DataIdentity.Unverified, pair.Identity);
        Assert.Equal($"note: the cifar10 batch files in {data} are not verified (the catalog holds only the archive's SHA-256, checked when it is downloaded); running on them as given", pair.IdentityNote);
        Assert.Contains(pair.IdentityNote, log);
        Assert.False(File.Exists(CachePath));
    }
}
