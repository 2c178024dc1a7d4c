using System.Diagnostics;
using FreqScope.Core.Runs;
using FreqScope.Experiments.Fit1d;
using FreqScope.Native;
using FreqScope.Sweeps;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Core;

/// <summary>
/// One writer per run or sweep folder: a second writer in this process or another is refused with the holder named, a
/// lock left by a process that ended is taken over, and a refused run leaves the folder as it was.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FolderLockTests
{
    public FolderLockTests() => NativeLoader.EnsureLoaded();

    private static FitExperimentConfig Small(long steps) => FitExperiment.LoadDefault() with
    {
        Model = FitExperiment.LoadDefault().Model with { Hidden = [16] },
        Training = FitExperiment.LoadDefault().Training with { Steps = steps, CheckpointEvery = 10 },
        Probe = FitExperiment.LoadDefault().Probe with { Every = 10 },
    };

    /// <summary>
    /// Holds the exclusive flock(2) of a file from another process (util-linux's flock(1)), as a
    /// second FreqScope process would, until disposed.
    /// </summary>
    private sealed class OtherHolder : IDisposable
    {
        private readonly Process _process;

        public OtherHolder(string file)
        {
            _process = Process.Start(new ProcessStartInfo("flock", ["--exclusive", "--close", file, "sleep", "120"]) { UseShellExecute = false })!;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                try
                {
                    using var probe = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    return; // the other process has it
                }

                if (DateTime.UtcNow > deadline) throw new TimeoutException("flock(1) did not take the lock");
                Thread.Sleep(20);
            }
        }

        public void Dispose()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _process.Dispose();
        }
    }

    [Fact]
    public void ASecondWriterInThisProcessIsRefusedWithTheHolderNamed()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            using (var held = FolderLock.Acquire(dir, "cannot use it"))
            {
                Assert.Null(held.TakenOverFrom);
                var e = Assert.Throws<InvalidOperationException>(() => FolderLock.Acquire(dir, $"cannot resume {dir}"));
                Assert.StartsWith($"cannot resume {dir}: process {Environment.ProcessId} on {Environment.MachineName} (since ", e.Message);
                Assert.EndsWith($"is writing it; wait for it to end or stop it (lock: {Path.Combine(dir, FolderLock.FileName)})", e.Message);
            }

            // Released: empty, and free for the next writer, which takes over nothing.
            Assert.Equal(0, new FileInfo(Path.Combine(dir, FolderLock.FileName)).Length);
            using var again = FolderLock.Acquire(dir, "cannot use it");
            Assert.Null(again.TakenOverFrom);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ALockLeftByAProcessThatEndedIsTakenOverAndNamed()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            // What kill -9 leaves: the holder's record, and no lock (the kernel drops it with the process).
            File.WriteAllText(Path.Combine(dir, FolderLock.FileName), """{"pid":4194301,"host":"node7","started":"2026-12-01T10:00:00Z"}""");
            using var held = FolderLock.Acquire(dir, "cannot use it");
            Assert.Equal(new LockHolder(4194301, "node7", new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc)), held.TakenOverFrom);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ResumingAFolderAnotherProcessIsWritingIsRefusedAndChangesNothing()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            using (var cts = new CancellationTokenSource())
            {
                var first = FitExperiment.Run(Small(60), new RunOptions
                {
                    RunDirectory = run,
                    BuildReport = false,
                    OnProgress = p => { if (p.Step == 30) cts.Cancel(); },
                }, cts.Token);
                Assert.Equal(RunStatus.Interrupted, first.Status);
            }

            var lockFile = Path.Combine(run, FolderLock.FileName);
            File.WriteAllText(lockFile, """{"pid":12345,"host":"elsewhere","started":"2026-12-01T10:00:00Z"}""");
            var before = Directory.GetFiles(run, "*", SearchOption.AllDirectories).Where(f => f != lockFile).Order(StringComparer.Ordinal)
                .Select(f => (f, File.ReadAllText(f))).ToArray();
            using (new OtherHolder(lockFile))
            {
                var e = Assert.Throws<InvalidOperationException>(() => FitExperiment.Run(Small(60), new RunOptions { RunDirectory = run, Resume = true, BuildReport = false },
                    TestContext.Current.CancellationToken));
                Assert.StartsWith($"cannot resume {run}: process 12345 on elsewhere (since 2026-12-01 10:00:00Z) is writing it", e.Message);
                var after = Directory.GetFiles(run, "*", SearchOption.AllDirectories).Where(f => f != lockFile).Order(StringComparer.Ordinal)
                    .Select(f => (f, File.ReadAllText(f))).ToArray();
                Assert.Equal(before, after);

                // The command line says the same in one line.
                var (code, output) = CliRunner.Run("run", "--resume", run);
                Assert.Equal(1, code);
                Assert.Contains($"error: cannot resume {run}: process 12345 on elsewhere", output);
            }

            // Once the other process has ended, the run continues and says whose lock it took over.
            var notices = new List<string>();
            var resumed = FitExperiment.Run(Small(60), new RunOptions { RunDirectory = run, Resume = true, BuildReport = false, OnNotice = notices.Add },
                TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, resumed.Status);
            Assert.Equal([$"{run} was left running by process 12345 on elsewhere (started 2026-12-01 10:00:00Z), which has ended; continuing it from its last checkpoint"], notices);
            Assert.Equal(0, new FileInfo(lockFile).Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ASweepFolderAnotherProcessIsWritingIsRefused()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var sweepDir = Path.Combine(dir, "sweep");
            Directory.CreateDirectory(sweepDir);
            var lockFile = Path.Combine(sweepDir, FolderLock.FileName);
            File.WriteAllText(lockFile, "");
            using (new OtherHolder(lockFile))
            {
                var (code, output) = CliRunner.Run("sweep", Path.Combine(RepoPaths.Experiments, "sweep-seeds-1d.json"), "--smoke", "--out", sweepDir, "--no-report");
                Assert.Equal(1, code);
                Assert.Contains($"error: cannot run the sweep in {sweepDir}: another FreqScope process is writing it", output);
                Assert.Equal([FolderLock.FileName], Directory.GetFileSystemEntries(sweepDir).Select(Path.GetFileName));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ASweepMemberFolderAnotherProcessIsWritingIsNotClearedForARerun()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var member = Path.Combine(dir, "member");
            Directory.CreateDirectory(member);
            File.WriteAllText(Path.Combine(member, "metrics.csv"), "step,loss\n");
            var lockFile = Path.Combine(member, FolderLock.FileName);
            File.WriteAllText(lockFile, "");
            using (new OtherHolder(lockFile))
            {
                var e = Assert.Throws<InvalidOperationException>(() => RunFolder.Clear(member));
                Assert.StartsWith($"cannot run {member} again: another FreqScope process is writing it", e.Message);
                Assert.True(File.Exists(Path.Combine(member, "metrics.csv")));
            }

            RunFolder.Clear(member);
            Assert.Equal([FolderLock.FileName], Directory.GetFileSystemEntries(member).Select(Path.GetFileName));
            Assert.False(RunFolder.HasContent(member));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
