using FreqScope.Native;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Native;

/// <summary>The loader puts MKL in its reproducible (CNR) mode before MKL's first call, unless the user chose a branch.</summary>
[Collection(TorchCollection.Name)]
public sealed class MklReproducibilityTests
{
    [Fact]
    public void TheLoaderSwitchesCnrOnWithTheAutoBranchAndFixesTheThreads()
    {
        var report = NativeLoader.EnsureLoaded();
        Assert.Null(Environment.GetEnvironmentVariable(MklReproducibility.Variable));
        // MKL answers 1 (MKL_CBWR_BRANCH_OFF) in a process where nobody set a branch, 2 (AUTO) after the loader's call.
        Assert.Equal(2, MklReproducibility.CurrentBranch());
        Assert.Contains("MKL CNR: on, branch AUTO", report.Steps);
        Assert.Contains(report.Steps, s => s.StartsWith($"torch.set_num_threads({TorchSharp.torch.get_num_threads()})", StringComparison.Ordinal));
    }

    [Fact]
    public void ABranchChosenByTheUserIsLeftToMkl()
    {
        var (code, output) = CliRunner.RunProcess(new Dictionary<string, string> { [MklReproducibility.Variable] = "COMPATIBLE" }, "info");
        Assert.True(code == 0, output);
        Assert.Contains("MKL CNR: MKL_CBWR=COMPATIBLE from the environment, left to MKL", output);
        Assert.Contains("MKL CNR mode:         COMPATIBLE", output);
    }

    [Theory]
    [InlineData(1, "off")]
    [InlineData(2, "AUTO")]
    [InlineData(10, "AVX2")]
    [InlineData(12, "AVX-512")]
    [InlineData(99, "branch 99")]
    public void BranchCodesHaveMklsNames(int code, string name) => Assert.Equal(name, MklReproducibility.BranchName(code));
}
