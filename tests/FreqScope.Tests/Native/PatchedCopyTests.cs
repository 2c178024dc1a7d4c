using System.Security.Cryptography;
using FreqScope.Native;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Native;

[Collection(TorchCollection.Name)]
public sealed class PatchedCopyTests
{
    [Fact]
    public void PatchedCopyIsCachedByHashAndLeavesTheOriginalAlone()
    {
        var sharp = NativeLoader.BundledDirectories().Select(d => Path.Combine(d, "libLibTorchSharp.so")).First(File.Exists);
        var before = SHA256.HashData(File.ReadAllBytes(sharp));
        var cache = RepoPaths.NewTempDirectory("freqscope-native-cache");
        var saved = Environment.GetEnvironmentVariable("FREQSCOPE_NATIVE_CACHE");
        try
        {
            Environment.SetEnvironmentVariable("FREQSCOPE_NATIVE_CACHE", cache);
            var path = NativeLoader.PatchedCopy(sharp, ["GLIBCXX_3.4.32"]);
            Assert.StartsWith(cache, path);
            Assert.Contains(Convert.ToHexStringLower(before)[..16], path);
            var written = File.GetLastWriteTimeUtc(path);
            Assert.Equal(path, NativeLoader.PatchedCopy(sharp, ["GLIBCXX_3.4.32"]));
            Assert.Equal(written, File.GetLastWriteTimeUtc(path));
            Assert.True(ElfVersionPatcher.ReadVersionNeeds(File.ReadAllBytes(path)).Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
            Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(sharp)));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FREQSCOPE_NATIVE_CACHE", saved);
            Directory.Delete(cache, true);
        }
    }

    [Fact]
    public void AnUnwritableCacheFallsBackToTheTempDirectory()
    {
        var sharp = NativeLoader.BundledDirectories().Select(d => Path.Combine(d, "libLibTorchSharp.so")).First(File.Exists);
        var blocker = Path.Combine(RepoPaths.NewTempDirectory("freqscope-blocked"), "not-a-folder");
        File.WriteAllText(blocker, "a file where the cache folder should be");
        var saved = Environment.GetEnvironmentVariable("FREQSCOPE_NATIVE_CACHE");
        try
        {
            Environment.SetEnvironmentVariable("FREQSCOPE_NATIVE_CACHE", blocker);
            var steps = new List<string>();
            var path = NativeLoader.PatchedCopy(sharp, ["GLIBCXX_3.4.32"], steps);
            Assert.StartsWith(Path.GetTempPath(), path);
            Assert.True(File.Exists(path));
            Assert.Contains(steps, s => s.StartsWith("cannot write " + blocker, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FREQSCOPE_NATIVE_CACHE", saved);
            Directory.Delete(Path.GetDirectoryName(blocker)!, true);
        }
    }
}
