using FreqScope.Native;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Native;

/// <summary>
/// FREQSCOPE_LIBTORCH end to end, in child processes (the variable is read once per process): a folder of links to
/// the bundled libtorch stands in for a PyTorch installation's torch/lib.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class LibTorchVariableTests
{
    private static (int Code, string Output) Info(string libtorchDir) =>
        CliRunner.RunProcess(new Dictionary<string, string> { [NativeLoadPlan.LibTorchVariable] = libtorchDir }, "info");

    [Fact]
    public void AnotherLibtorchFolderIsLoadedInsteadOfTheBundledOne()
    {
        var bundled = NativeLoader.BundledDirectories().First(d => File.Exists(Path.Combine(d, "libtorch_cpu.so")));
        var dir = RepoPaths.NewTempDirectory("freqscope-torch-lib");
        try
        {
            foreach (var file in Directory.GetFiles(bundled, "lib*.so*"))
                if (!Path.GetFileName(file).StartsWith("libLibTorchSharp", StringComparison.Ordinal))
                    File.CreateSymbolicLink(Path.Combine(dir, Path.GetFileName(file)), file);
            var (code, output) = Info(dir);
            Assert.True(code == 0, output);
            Assert.Contains($"native loading:       FREQSCOPE_LIBTORCH={dir}", output);
            Assert.Contains($"libtorch folder:      {dir}", output);
            Assert.Contains($"load {Path.Combine(dir, "libtorch_cpu.so")}", output);
            Assert.DoesNotContain($"load {Path.Combine(bundled, "libtorch_cpu.so")}", output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AFolderWithoutLibtorchGivesAClearErrorNamingIt()
    {
        var dir = RepoPaths.NewTempDirectory("freqscope-not-torch");
        try
        {
            var (code, output) = Info(dir);
            Assert.Equal(1, code);
            Assert.Contains("libc10.so is missing in the libtorch folder", output);
            Assert.Contains(dir, output);
            Assert.Contains("FREQSCOPE_LIBTORCH", output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
