using System.Text.Json.Nodes;
using FreqScope.Core.Runs;
using FreqScope.Experiments.Fit1d;
using FreqScope.Native;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Core;

/// <summary>
/// The folder states a kill leaves in a checkpoint swap or before the first checkpoint, each resumed to the files of
/// an uninterrupted run.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class CheckpointRecoveryTests
{
    public CheckpointRecoveryTests() => NativeLoader.EnsureLoaded();

    private static readonly string[] Tables = ["metrics.csv", "spectra.csv", "outputs.csv", "summary.json"];

    private static FitExperimentConfig Small() => FitExperiment.LoadDefault() with
    {
        Model = FitExperiment.LoadDefault().Model with { Hidden = [16] },
        Training = FitExperiment.LoadDefault().Training with { Steps = 60, CheckpointEvery = 10 },
        Probe = FitExperiment.LoadDefault().Probe with { Every = 10 },
    };

    private static RunResult<FitSummary> Run(string dir, bool resume = false, long? stopAt = null)
    {
        using var cts = new CancellationTokenSource();
        return FitExperiment.Run(Small(), new RunOptions
        {
            RunDirectory = dir,
            Resume = resume,
            BuildReport = false,
            OnProgress = p => { if (p.Step == stopAt) cts.Cancel(); },
        }, cts.Token);
    }

    private static long StepOf(string checkpointDir) => JsonNode.Parse(File.ReadAllText(Path.Combine(checkpointDir, Checkpoint.StateFile)))!["step"]!.GetValue<long>();

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }

    private static void AssertSameData(string expected, string actual)
    {
        foreach (var f in Tables) Assert.Equal(File.ReadAllText(Path.Combine(expected, f)), File.ReadAllText(Path.Combine(actual, f)));
    }

    [Fact]
    public void AKillBetweenTheTwoRenamesOfASwapResumesFromTheNewCheckpoint()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var whole = Path.Combine(dir, "whole");
            Run(whole);
            var earlier = Path.Combine(dir, "earlier");
            Run(earlier, stopAt: 20);
            var run = Path.Combine(dir, "run");
            Run(run, stopAt: 30);
            // The swap to step 30 was cut after "checkpoint" became "checkpoint.old" and before "checkpoint.new" became
            // "checkpoint": the old one holds step 20, the complete new one step 30.
            var cp = Path.Combine(run, Checkpoint.FolderName);
            Directory.Move(cp, cp + ".new");
            CopyFolder(Path.Combine(earlier, Checkpoint.FolderName), cp + ".old");
            Assert.Equal(cp + ".new", Checkpoint.Locate(run));

            var resumed = Run(run, resume: true);
            Assert.Equal(RunStatus.Finished, resumed.Status);
            Assert.Equal([30L], RunFolder.ReadManifest(run).ResumedFrom);
            AssertSameData(whole, run);
            Assert.Equal([Checkpoint.FolderName], Directory.GetDirectories(run).Select(Path.GetFileName).Where(n => n != TensorBoardCallback.FolderName));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RecoverPutsTheNewestCompleteCheckpointBackWithoutDeletingAny(bool newIsComplete)
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var cp = Path.Combine(dir, Checkpoint.FolderName);
            Directory.CreateDirectory(cp + ".old");
            File.WriteAllText(Path.Combine(cp + ".old", Checkpoint.StateFile), """{ "step": 20 }""");
            Directory.CreateDirectory(cp + ".new");
            File.WriteAllText(Path.Combine(cp + ".new", "model.bin"), "part");
            if (newIsComplete) File.WriteAllText(Path.Combine(cp + ".new", Checkpoint.StateFile), """{ "step": 30 }""");

            Checkpoint.Recover(dir);
            Assert.Equal(newIsComplete ? 30 : 20, StepOf(cp));
            // Nothing complete was deleted: the other folder is still there.
            Assert.True(Directory.Exists(newIsComplete ? cp + ".old" : cp + ".new"));

            // The next save, cut short by a failing write, leaves the recovered checkpoint in place.
            Assert.Throws<IOException>(() => Checkpoint.WriteAtomically(dir, _ => throw new IOException("disk full (simulated)")));
            Assert.Equal(newIsComplete ? 30 : 20, StepOf(cp));
            Checkpoint.WriteAtomically(dir, f => File.WriteAllText(Path.Combine(f, Checkpoint.StateFile), """{ "step": 40 }"""));
            Assert.Equal(40, StepOf(cp));
            Assert.False(Directory.Exists(cp + ".old"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFolderKilledBeforeItsFirstCheckpointResumesFromStepZero(bool withManifest)
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var whole = Path.Combine(dir, "whole");
            Run(whole);
            // What a kill between config.json (and the first manifest) and the step-0 checkpoint leaves.
            var run = Path.Combine(dir, "run");
            Directory.CreateDirectory(run);
            File.Copy(Path.Combine(whole, RunFolder.ConfigFile), Path.Combine(run, RunFolder.ConfigFile));
            if (withManifest)
                RunFolder.WriteManifest(run, RunFolder.ReadManifest(whole) with { Status = RunStatus.Running, StepsCompleted = 0, EndedAt = null, WallSeconds = null });
            File.WriteAllText(Path.Combine(run, "metrics.csv" + AtomicFile.TemporarySuffix + "4194301"), "half a file");

            var resumed = Run(run, resume: true);
            Assert.Equal(RunStatus.Finished, resumed.Status);
            AssertSameData(whole, run);
            Assert.Empty(Directory.GetFiles(run, "*" + AtomicFile.TemporarySuffix + "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
