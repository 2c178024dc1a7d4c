using FreqScope.Cli;
using FreqScope.Native;
using FreqScope.Sweeps;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Sweeps;

/// <summary>A sweep folder remembers how it ran (backend, jobs, ensemble grouping); resuming keeps it and refuses a flag that contradicts it.</summary>
[Collection(TorchCollection.Name)]
public sealed class SweepSettingsTests
{
    public SweepSettingsTests() => NativeLoader.EnsureLoaded();

    [Fact]
    public void SweepJsonRecordsTheBackendJobsAndEnsembleGrouping()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var spec = SweepSpec.LoadFile(SweepBackendTests.WriteTinySweep(dir));
            var inProcess = SweepRunner.OpenFolder(spec, new SweepRunOptions { OutputDirectory = Path.Combine(dir, "a"), BuildReport = false });
            Assert.Equal((SweepManifest.InProcess, (int?)null, (bool?)true), (inProcess.Backend, inProcess.Jobs, inProcess.Ensemble));
            var alone = SweepRunner.OpenFolder(spec, new SweepRunOptions { OutputDirectory = Path.Combine(dir, "b"), BuildReport = false, Ensemble = false });
            Assert.False(alone.Ensemble);
            var local = SweepRunner.OpenFolder(spec, new SweepRunOptions { OutputDirectory = Path.Combine(dir, "c"), BuildReport = false }, SweepManifest.Local, 3);
            Assert.Equal((SweepManifest.Local, (int?)3, (bool?)null), (local.Backend, local.Jobs, local.Ensemble));
            var read = SweepRunner.ReadManifest(Path.Combine(dir, "c"));
            Assert.Equal((SweepManifest.Local, (int?)3, (bool?)null), (read.Backend, read.Jobs, read.Ensemble));

            // The same sweep started again into a folder that ran otherwise is refused, naming how it ran.
            var e = Assert.Throws<InvalidOperationException>(() => SweepRunner.OpenFolder(spec,
                new SweepRunOptions { OutputDirectory = Path.Combine(dir, "a"), BuildReport = false, Ensemble = false }));
            Assert.Equal($"the output folder {Path.Combine(dir, "a")} holds this sweep run with fit1d members as ensembles (without --no-ensemble); continue it so with freqscope sweep --resume {Path.Combine(dir, "a")}, or choose another --out", e.Message);
            e = Assert.Throws<InvalidOperationException>(() => SweepRunner.OpenFolder(spec, new SweepRunOptions { OutputDirectory = Path.Combine(dir, "c"), BuildReport = false }));
            Assert.Contains("holds this sweep run with --backend local;", e.Message);
            e = Assert.Throws<InvalidOperationException>(() => SweepRunner.OpenFolder(spec, new SweepRunOptions { OutputDirectory = Path.Combine(dir, "c"), BuildReport = false }, SweepManifest.Local, 2));
            Assert.Contains("holds this sweep run with --jobs 3;", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ResumeFillsInHowTheSweepRanAndRefusesAContradictingFlag()
    {
        var ran = new SweepManifest
        {
            Name = "s", Experiment = "fit1d", Mode = "grid", Keys = ["seed"], Smoke = false, Members = [], Config = [],
            Backend = SweepManifest.Local, Jobs = 4,
        };
        var resume = new SweepCommand.Arguments(null, null, null, false, "runs/s", false);
        var filled = SweepCommand.AsItRan(resume, ran);
        Assert.Equal((SweepManifest.Local, (int?)4, false), (filled.Backend, filled.Jobs, filled.NoEnsemble));
        Assert.Equal(filled, SweepCommand.AsItRan(resume with { Backend = SweepManifest.Local, Jobs = 4 }, ran));

        var e = Assert.Throws<UsageException>(() => SweepCommand.AsItRan(resume with { Backend = SweepManifest.InProcess }, ran));
        Assert.Equal("--backend inprocess contradicts how runs/s ran (--backend local, recorded in sweep.json); leave it out to continue the sweep as it ran", e.Message);
        e = Assert.Throws<UsageException>(() => SweepCommand.AsItRan(resume with { Jobs = 2 }, ran));
        Assert.StartsWith("--jobs 2 contradicts how runs/s ran (--jobs 4,", e.Message, StringComparison.Ordinal);

        var grouped = ran with { Backend = SweepManifest.InProcess, Jobs = null, Ensemble = true };
        e = Assert.Throws<UsageException>(() => SweepCommand.AsItRan(resume with { NoEnsemble = true }, grouped));
        Assert.StartsWith("--no-ensemble contradicts how runs/s ran (fit1d members as ensembles,", e.Message, StringComparison.Ordinal);
        Assert.True(SweepCommand.AsItRan(resume, grouped with { Ensemble = false }).NoEnsemble);

        // A sweep.json from before these were recorded takes the flags as given.
        var old = ran with { Backend = null, Jobs = null, Ensemble = null };
        Assert.Equal(resume with { Backend = SweepManifest.InProcess }, SweepCommand.AsItRan(resume with { Backend = SweepManifest.InProcess }, old));
    }

    [Fact]
    public void ResumingALocalSweepWithoutFlagsRunsItLocallyAgain()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = SweepBackendTests.WriteTinySweep(dir, seeds: "[0, 1]");
            var sweepDir = Path.Combine(dir, "sweep");
            var spec = SweepSpec.LoadFile(config);
            // As a local sweep killed before any member started leaves it.
            SweepRunner.OpenFolder(spec, new SweepRunOptions { OutputDirectory = sweepDir, BuildReport = false, ConfigDirectory = dir }, SweepManifest.Local, 1);
            var (code, output) = SweepBackendTests.Cli("sweep", "--resume", sweepDir, "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            // The members ran as child processes (their logs are the local backend's), one at a time.
            Assert.True(File.Exists(Path.Combine(sweepDir, LocalSweepRunner.LogFolder, "tiny-000.log")));
            Assert.True(File.Exists(Path.Combine(sweepDir, LocalSweepRunner.LogFolder, "tiny-001.log")));
            Assert.Equal(1, SweepRunner.ReadManifest(sweepDir).Jobs);

            (code, output) = SweepBackendTests.Cli("sweep", "--resume", sweepDir, "--backend", "inprocess");
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains($"error: --backend inprocess contradicts how {sweepDir} ran (--backend local", output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
