using FreqScope.Core.Runs;
using FreqScope.Experiments.Fit1d;
using FreqScope.Native;
using FreqScope.Sweeps;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Core;

/// <summary>A report that cannot be built never turns a complete run into a failed one, and <c>freqscope report</c> builds it later.</summary>
[Collection(TorchCollection.Name)]
public sealed class ReportFailureTests
{
    public ReportFailureTests() => NativeLoader.EnsureLoaded();

    /// <summary>Puts a file where the plots folder goes, so that drawing the first figure fails as on a broken disk.</summary>
    private sealed class BlockPlots : IRunCallback
    {
        public void OnStart(RunInfo run) => File.WriteAllText(Path.Combine(run.RunDirectory, RunFolder.PlotsFolder), "in the way");
    }

    private static FitExperimentConfig Small() => FitExperiment.LoadDefault() with
    {
        Model = FitExperiment.LoadDefault().Model with { Hidden = [16] },
        Training = FitExperiment.LoadDefault().Training with { Steps = 40, CheckpointEvery = 20 },
        Probe = FitExperiment.LoadDefault().Probe with { Every = 10 },
    };

    [Fact]
    public void AFailedReportLeavesTheRunFinishedWithItsDataAndIsBuiltByReportLater()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var whole = Path.Combine(dir, "whole");
            FitExperiment.Run(Small(), new RunOptions { RunDirectory = whole, BuildReport = false }, TestContext.Current.CancellationToken);

            var run = Path.Combine(dir, "run");
            var notices = new List<string>();
            var result = FitExperiment.Run(Small(), new RunOptions { RunDirectory = run, Callbacks = [new BlockPlots()], OnNotice = notices.Add },
                TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);
            Assert.NotNull(result.Summary);
            Assert.NotNull(result.ReportError);
            var manifest = RunFolder.ReadManifest(run);
            Assert.Equal(RunStatus.Finished, manifest.Status);
            Assert.Equal(result.ReportError, manifest.ReportError);
            Assert.Null(manifest.Error);
            Assert.Equal([$"the report could not be built ({result.ReportError}); the run's data are complete: build it with freqscope report {run}"], notices);
            foreach (var f in new[] { "metrics.csv", "spectra.csv", "outputs.csv", "summary.json" })
                Assert.Equal(File.ReadAllText(Path.Combine(whole, f)), File.ReadAllText(Path.Combine(run, f)));
            Assert.False(File.Exists(Path.Combine(run, RunFolder.ReportFile)));

            // Once the way is clear, the report is built and the manifest no longer records a failure.
            File.Delete(Path.Combine(run, RunFolder.PlotsFolder));
            RunReport.Build(run);
            Assert.True(File.Exists(Path.Combine(run, RunFolder.ReportFile)));
            Assert.Null(RunFolder.ReadManifest(run).ReportError);
            Assert.DoesNotContain("reportError", File.ReadAllText(Path.Combine(run, RunFolder.ManifestFile)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AFailedReportCommandIsRecordedAndTheRunStaysFinished()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            FitExperiment.Run(Small(), new RunOptions { RunDirectory = run, BuildReport = false }, TestContext.Current.CancellationToken);
            File.WriteAllText(Path.Combine(run, RunFolder.PlotsFolder), "in the way");
            var (code, output) = CliRunner.Run("report", run);
            Assert.Equal(1, code);
            Assert.StartsWith("error: ", output, StringComparison.Ordinal);
            var manifest = RunFolder.ReadManifest(run);
            Assert.Equal(RunStatus.Finished, manifest.Status);
            Assert.NotNull(manifest.ReportError);
            Assert.Contains(manifest.ReportError, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
