using System.Security.Cryptography;
using FreqScope.Data;

namespace FreqScope.Tests.Data;

/// <summary>Reads the real Fashion-MNIST files of Debian's <c>dataset-fashion-mnist</c> package when it is installed.</summary>
public sealed class RealFashionMnistTests
{
    private const string Folder = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public void InstalledFashionMnistLoadsWithTheCatalogShapeAndData()
    {
        if (!Directory.Exists(Folder)) Assert.Skip($"{Folder} does not exist (Debian package dataset-fashion-mnist not installed)");

        var pair = DatasetStore.Load("fashion-mnist", Folder, download: false);
        Assert.Equal((60000, 1, 28, 28), (pair.Train.Count, pair.Train.Channels, pair.Train.Height, pair.Train.Width));
        Assert.Equal((10000, 1, 28, 28), (pair.Test.Count, pair.Test.Channels, pair.Test.Height, pair.Test.Width));
        Assert.All(pair.Train.CountPerClass(), n => Assert.Equal(6000, n));
        Assert.All(pair.Test.CountPerClass(), n => Assert.Equal(1000, n));
        Assert.Equal(DatasetCatalog.FashionMnist.TrainCount, pair.Train.Count);
        Assert.InRange(pair.Train.Pixels.Max(), 250, 255);
    }

    [Fact]
    public void InstalledFilesAreThePublishedOnes()
    {
        if (!Directory.Exists(Folder)) Assert.Skip($"{Folder} does not exist (Debian package dataset-fashion-mnist not installed)");

        foreach (var file in DatasetCatalog.FashionMnist.Files)
        {
            var path = Path.Combine(Folder, file.FileName);
            var bytes = File.ReadAllBytes(path);
            string sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (sha256 == file.Sha256)
            {
                Assert.Equal(file.Size, bytes.Length);
                continue;
            }

            // Debian recompressed the files without the original name in the gzip header (FLG.FNAME): the file is
            // exactly that name and its terminating zero shorter than the published one, and holds the same data.
            Assert.Equal(0x1F8B, (bytes[0] << 8) | bytes[1]);
            Assert.Equal(0, bytes[3] & 0x08);
            string storedName = file.FileName[..^".gz".Length];
            Assert.Equal(file.Size, bytes.Length + storedName.Length + 1);
            Assert.Equal(file.ContentMd5, Convert.ToHexStringLower(MD5.HashData(IdxReader.ReadBytes(path))));
        }
    }
}
