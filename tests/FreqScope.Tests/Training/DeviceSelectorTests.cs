using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using FreqScope.Experiments.Fit1d;
using TorchSharp;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class DeviceSelectorTests
{
    public DeviceSelectorTests() => NativeLoader.EnsureLoaded();

    [Fact]
    public void NamesMapToDevicesAndUnknownNamesAreRejected()
    {
        Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve("cpu").type);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, DeviceSelector.Resolve("auto").type);
        var e = Assert.Throws<ArgumentException>(() => DeviceSelector.Resolve("gpu"));
        Assert.Contains("\"gpu\"", e.Message);
        Assert.Contains("cpu, cuda, auto", e.Message);
    }

    [Fact]
    public void CudaWithoutCudaSaysHowToGetIt()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, DeviceSelector.Resolve("cuda").type);
            return;
        }
        var e = Assert.Throws<InvalidOperationException>(() => DeviceSelector.Resolve("cuda"));
        Assert.Contains("FREQSCOPE_LIBTORCH", e.Message);
    }

    [CudaFact]
    public void SmokeRunOnCudaFinishesAndAgreesWithTheCpuAtTheStart()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = FitExperiment.Smoke(FitExperiment.LoadDefault());
            var cpu = FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "cpu"), BuildReport = false }, TestContext.Current.CancellationToken);
            var gpu = FitExperiment.Run(config with { Device = "cuda" }, new RunOptions { RunDirectory = Path.Combine(dir, "cuda"), BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, gpu.Status);
            Assert.Equal("cuda", RunFolder.ReadManifest(gpu.RunDirectory).Device);
            // Same initialization (drawn on the CPU), so the step-0 losses agree to float32 rounding.
            var a = File.ReadLines(Path.Combine(cpu.RunDirectory, "metrics.csv")).ElementAt(1).Split(',');
            var b = File.ReadLines(Path.Combine(gpu.RunDirectory, "metrics.csv")).ElementAt(1).Split(',');
            Assert.Equal(double.Parse(a[1], System.Globalization.CultureInfo.InvariantCulture), double.Parse(b[1], System.Globalization.CultureInfo.InvariantCulture), 1e-4);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
