using FreqScope.Native;

namespace FreqScope.Tests.Native;

public sealed class NativeLoadPlanTests
{
    private static readonly string[] Bundled = ["/app/runtimes/linux-x64/native", "/app"];

    private static Func<string, bool> Files(params string[] present) => p => present.Contains(p);

    private static IReadOnlyList<string> NoneMissing(string _) => [];

    [Fact]
    public void PortableLayoutLoadsTheBundledLibtorchInDependencyOrder()
    {
        var n = "/app/runtimes/linux-x64/native/";
        var plan = NativeLoadPlan.Decide(null, Bundled,
            Files(n + "libLibTorchSharp.so", n + "libc10.so", n + "libtorch_cpu.so", n + "libtorch.so"), NoneMissing);
        Assert.Equal("bundled", plan.Source);
        Assert.Equal([n + "libc10.so", n + "libtorch_cpu.so", n + "libtorch.so"], plan.Preload);
        Assert.Equal(n + "libLibTorchSharp.so", plan.LibTorchSharpPath);
        Assert.Empty(plan.WeakenVersions);
    }

    [Fact]
    public void RidSpecificLayoutFindsEverythingBesideTheApp()
    {
        var plan = NativeLoadPlan.Decide("", Bundled,
            Files("/app/libLibTorchSharp.so", "/app/libc10.so", "/app/libtorch_cpu.so", "/app/libtorch.so"), NoneMissing);
        Assert.Equal("/app", plan.LibTorchDirectory);
        Assert.Equal("/app/libLibTorchSharp.so", plan.LibTorchSharpPath);
    }

    [Fact]
    public void EnvironmentVariableSelectsAnotherLibtorchWithItsCudaParts()
    {
        var t = "/opt/venv/torch/lib/";
        var plan = NativeLoadPlan.Decide("/opt/venv/torch/lib", Bundled,
            Files("/app/runtimes/linux-x64/native/libLibTorchSharp.so", t + "libc10.so", t + "libtorch_cpu.so", t + "libc10_cuda.so", t + "libtorch_cuda.so", t + "libtorch.so"),
            _ => ["GLIBCXX_3.4.32"]);
        Assert.Equal(NativeLoadPlan.LibTorchVariable, plan.Source);
        Assert.Equal([t + "libc10.so", t + "libtorch_cpu.so", t + "libc10_cuda.so", t + "libtorch_cuda.so", t + "libtorch.so"], plan.Preload);
        // LibTorchSharp still comes from the app; it binds to the preloaded libtorch by soname.
        Assert.Equal("/app/runtimes/linux-x64/native/libLibTorchSharp.so", plan.LibTorchSharpPath);
        Assert.Equal(["GLIBCXX_3.4.32"], plan.WeakenVersions);
    }

    [Fact]
    public void EnvironmentVariablePointingAtAFolderWithoutLibtorchIsAClearError()
    {
        var e = Assert.Throws<NativeLoadException>(() => NativeLoadPlan.Decide("/home/me/empty", Bundled,
            Files("/app/libLibTorchSharp.so"), NoneMissing));
        Assert.Contains("libc10.so is missing in the libtorch folder /home/me/empty", e.Message);
        Assert.Contains("FREQSCOPE_LIBTORCH", e.Message);
        Assert.Equal(["/home/me/empty/libc10.so"], e.Tried);
    }

    [Fact]
    public void NoLibTorchSharpAnywhereListsEveryPlaceTried()
    {
        var e = Assert.Throws<NativeLoadException>(() => NativeLoadPlan.Decide(null, Bundled, Files(), NoneMissing));
        Assert.Equal(["/app/runtimes/linux-x64/native/libLibTorchSharp.so", "/app/libLibTorchSharp.so"], e.Tried);
        Assert.Contains("Tried:", e.Message);
        Assert.Contains("/app/libLibTorchSharp.so", e.Message);
    }

    [Fact]
    public void ThisProcessTookTheBundledPathAndPatchedOnlyWhereNeeded()
    {
        var report = NativeLoader.EnsureLoaded();
        var sharp = NativeLoader.BundledDirectories().Select(d => Path.Combine(d, "libLibTorchSharp.so")).First(File.Exists);
        var missing = NativeLoader.MissingLibStdCxxVersions(sharp);
        Assert.Equal(missing, report.WeakenedVersions);
        if (Environment.GetEnvironmentVariable(NativeLoadPlan.LibTorchVariable) is null or "")
            Assert.StartsWith("bundled libtorch", report.Path);
        if (missing.Count > 0)
        {
            Assert.NotEqual(sharp, report.LibTorchSharpPath);
            Assert.Contains("patched", report.Path);
        }
        else
        {
            Assert.Equal(sharp, report.LibTorchSharpPath);
        }
    }
}
