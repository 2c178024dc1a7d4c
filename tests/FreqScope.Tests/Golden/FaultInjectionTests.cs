using System.Diagnostics;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Golden;

/// <summary>
/// kill -9 at the run loop's writes (<see cref="FaultPoint"/>): a run is started in a process of its own that kills
/// itself at the chosen point, then resumed here; it must end with exactly the data files of an uninterrupted run,
/// never a folder that says finished with other data.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FaultInjectionTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-faults");

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>
    /// Every point for fit1d at its first three hits, and for every other kind at its first two (the summary, written
    /// once, at its first); ntk keeps no checkpoint, so its points are the manifest, the temporary files and the
    /// summary. The fit1d ensemble has cases of its own below.
    /// </summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var point in FaultPoint.Names)
            foreach (var n in new[] { 1, 2, 3 })
                if (!(point == FaultPoint.SummaryWritten && n > 1)) cases.Add("fprinciple-1d.json", $"{point}:{n}");
        foreach (var file in new[] { "fashion-mnist-mlp-filtering.json", "poisson-1d-hybrid.json", "ff-gaussian.json", "parity-10.json", "image-fit-plain.json", "ntk-linearised-vs-training.json" })
            foreach (var point in FaultPoint.Names)
                foreach (var n in new[] { 1, 2 })
                {
                    bool checkpointPoint = point is not (FaultPoint.ManifestWritten or FaultPoint.TemporaryWritten or FaultPoint.SummaryWritten);
                    if ((point == FaultPoint.SummaryWritten && n > 1) || (file.StartsWith("ntk", StringComparison.Ordinal) && checkpointPoint)) continue;
                    cases.Add(file, $"{point}:{n}");
                }

        return cases;
    }

    /// <summary>Each file's uninterrupted smoke run, made once for all its cases: its folder and its work folder.</summary>
    private static readonly Dictionary<string, (string Run, string Work)> Wholes = [];

    private static readonly string WholesRoot = CreateWholesRoot();

    private static string CreateWholesRoot()
    {
        var root = RepoPaths.NewTempDirectory("freqscope-faults-whole");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, true);
            }
            catch (IOException)
            {
                // Best effort at exit.
            }
        };
        return root;
    }

    private static (string Run, string Work) Whole(string file)
    {
        lock (Wholes)
        {
            if (Wholes.TryGetValue(file, out var made)) return made;
            var work = Path.Combine(WholesRoot, Path.GetFileNameWithoutExtension(file));
            var (config, _) = GoldenRunTests.PrepareConfig(file, work);
            var run = Path.Combine(work, "whole");
            var (code, text) = CliRunner.Run("run", config, "--smoke", "--no-report", "--out", run);
            Assert.True(code == CliApp.ExitOk, $"{file}: exit {code}\n{text}");
            return Wholes[file] = (run, work);
        }
    }

    private static int RunKilledAt(string killAt, params string[] args)
    {
        using var process = CliRunner.Start(new Dictionary<string, string> { [FaultPoint.Variable] = killAt }, args);
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the run killed at {killAt} did not end");
        }

        return process.ExitCode;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AKillAtAWriteResumesToTheUninterruptedFiles(string file, string killAt)
    {
        var work = Path.Combine(_dir, Path.GetFileNameWithoutExtension(file) + "-" + killAt.Replace(':', '-'));
        var (config, _) = GoldenRunTests.PrepareConfig(file, work);
        var (whole, wholeWork) = Whole(file);

        var killed = Path.Combine(work, "killed");
        int code = RunKilledAt(killAt, "run", config, "--smoke", "--no-report", "--out", killed);
        string text;
        Assert.True(code == 137, $"{file}: the run was to be killed at {killAt} (exit 137, SIGKILL) but exited {code}");
        if (!File.Exists(Path.Combine(killed, RunFolder.ConfigFile)))
        {
            // Killed before its config.json was in place: nothing to resume, and the folder takes the run afresh.
            (code, text) = CliRunner.Run("run", config, "--smoke", "--no-report", "--out", killed);
            Assert.True(code == CliApp.ExitOk, $"{file} killed at {killAt}: a new run into the folder exited {code}\n{text}");
        }
        else if (RunFolder.TryReadManifest(killed)?.Status != RunStatus.Finished)
        {
            // A second writer: while another holder has the folder's lock, a resume is refused, naming the holder.
            using (FolderLock.Acquire(killed, "the test holds it"))
            {
                (code, text) = CliRunner.Run("run", "--resume", killed, "--no-report");
                Assert.True(code == CliApp.ExitError, $"{file} killed at {killAt}: a resume beside another writer exited {code}\n{text}");
                Assert.Contains($"cannot resume {killed}: process {Environment.ProcessId} on {Environment.MachineName}", text, StringComparison.Ordinal);
            }

            (code, text) = CliRunner.Run("run", "--resume", killed, "--no-report");
            Assert.True(code == CliApp.ExitOk, $"{file} killed at {killAt}: resume exit {code}\n{text}");
        }

        // Whatever the point, a folder that says finished holds the uninterrupted run's data.
        string[] Digest(string dir, string within) => [.. RunDigest.Of(dir, [(dir, "<RUN>"), (within, "<WORK>"), (RepoPaths.Root, "<REPO>")]).Split('\n')
            .Where(l => !l.StartsWith(RunFolder.ManifestFile + " ", StringComparison.Ordinal))];
        Assert.Equal(Digest(whole, wholeWork), Digest(killed, work));
        var manifest = RunFolder.ReadManifest(killed);
        Assert.Equal(RunStatus.Finished, manifest.Status);
        Assert.Equal(RunFolder.ReadManifest(whole).StepsCompleted, manifest.StepsCompleted);
        Assert.Empty(Directory.GetFiles(killed, "*" + AtomicFile.TemporarySuffix + "*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(killed, Checkpoint.FolderName + ".new")));
        Assert.False(Directory.Exists(Path.Combine(killed, Checkpoint.FolderName + ".old")));
    }

    /// <summary>
    /// Every point at its first and third hits, and the summary at its second, in the fit1d sweep of four members: as
    /// ensembles (two groups of two members trained together) and member by member (<c>--no-ensemble</c>).
    /// </summary>
    public static TheoryData<bool, string> SweepCases()
    {
        var cases = new TheoryData<bool, string>();
        foreach (var ensemble in new[] { true, false })
        {
            foreach (var point in FaultPoint.Names)
                foreach (var n in new[] { 1, 3 })
                    cases.Add(ensemble, $"{point}:{n}");
            cases.Add(ensemble, $"{FaultPoint.SummaryWritten}:2");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(SweepCases))]
    public void AKillInASweepResumesToTheUninterruptedFiles(bool ensemble, string killAt)
    {
        const string file = "sweep-seeds-1d.json";
        var work = Path.Combine(_dir, (ensemble ? "ensemble-" : "members-") + killAt.Replace(':', '-'));
        var (config, sweep) = GoldenRunTests.PrepareConfig(file, work);
        Assert.True(sweep);
        string[] how = ensemble ? ["--smoke", "--no-report"] : ["--smoke", "--no-report", "--no-ensemble"];
        var whole = Path.Combine(work, "whole");
        var (code, text) = CliRunner.Run(["sweep", config, .. how, "--out", whole]);
        Assert.True(code == CliApp.ExitOk, $"exit {code}\n{text}");

        var killed = Path.Combine(work, "killed");
        code = RunKilledAt(killAt, ["sweep", config, .. how, "--out", killed]);
        Assert.True(code == 137, $"the sweep was to be killed at {killAt} (exit 137, SIGKILL) but exited {code}");
        // A resumed sweep runs as it first ran (sweep.json remembers --no-ensemble).
        (code, text) = File.Exists(Path.Combine(killed, FreqScope.Sweeps.SweepRunner.ManifestFile))
            ? CliRunner.Run("sweep", "--resume", killed, "--no-report")
            : CliRunner.Run(["sweep", config, .. how, "--out", killed]);
        Assert.True(code == CliApp.ExitOk, $"killed at {killAt}: resume exit {code}\n{text}");

        string[] Digest(string dir) => [.. RunDigest.Of(dir, [(dir, "<SWEEP>"), (work, "<WORK>"), (RepoPaths.Root, "<REPO>")]).Split('\n')
            .Where(l => !l.Contains(RunFolder.ManifestFile + " ", StringComparison.Ordinal))];
        Assert.Equal(Digest(whole), Digest(killed));
        foreach (var member in Directory.GetDirectories(killed).Where(d => File.Exists(Path.Combine(d, RunFolder.ManifestFile))))
        {
            Assert.Equal(RunStatus.Finished, RunFolder.ReadManifest(member).Status);
            Assert.Equal(RunFolder.ReadManifest(Path.Combine(whole, Path.GetFileName(member))).StepsCompleted, RunFolder.ReadManifest(member).StepsCompleted);
            Assert.Equal(ensemble, RunFolder.ReadManifest(member).Ensemble is not null);
        }

        Assert.Empty(Directory.GetFiles(killed, "*" + AtomicFile.TemporarySuffix + "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(killed, Checkpoint.FolderName + ".new", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(killed, Checkpoint.FolderName + ".old", SearchOption.AllDirectories));
    }

    /// <summary>
    /// An ensemble in which one member diverges at step 10 (the first checkpoint after it is step 20's) is killed at
    /// its writes before and after that checkpoint: resumed, every file equals the uninterrupted sweep's.
    /// </summary>
    [Theory]
    [InlineData("manifest.written:3")]
    [InlineData("checkpoint.written:2")]
    [InlineData("checkpoint.swapped:2")]
    [InlineData("manifest.written:6")]
    [InlineData("summary.written:2")]
    public void AKillInAnEnsembleWithADivergedMemberResumesToTheUninterruptedFiles(string killAt)
    {
        var work = Path.Combine(_dir, "ensemble-diverged-" + killAt.Replace(':', '-'));
        Directory.CreateDirectory(work);
        var config = FreqScope.Tests.Core.DivergenceTests.WriteLrSweep(work, "lr", "0.01, 1e6");
        var whole = Path.Combine(work, "whole");
        var (code, text) = CliRunner.Run("sweep", config, "--no-report", "--out", whole);
        Assert.True(code == CliApp.ExitOk, $"exit {code}\n{text}");

        var killed = Path.Combine(work, "killed");
        code = RunKilledAt(killAt, "sweep", config, "--no-report", "--out", killed);
        Assert.True(code == 137, $"the sweep was to be killed at {killAt} (exit 137, SIGKILL) but exited {code}");
        (code, text) = CliRunner.Run("sweep", "--resume", killed, "--no-report");
        Assert.True(code == CliApp.ExitOk, $"killed at {killAt}: resume exit {code}\n{text}");

        string[] Digest(string dir) => [.. RunDigest.Of(dir, [(dir, "<SWEEP>"), (work, "<WORK>"), (RepoPaths.Root, "<REPO>")]).Split('\n')
            .Where(l => !l.Contains(RunFolder.ManifestFile + " ", StringComparison.Ordinal))];
        Assert.Equal(Digest(whole), Digest(killed));
        Assert.Equal([RunStatus.Finished, RunStatus.Diverged], FreqScope.Sweeps.SweepRunner.ReadManifest(killed).Members.Select(m => m.Status));
        var diverged = RunFolder.ReadManifest(Path.Combine(killed, "lr-001"));
        Assert.Equal((10L, "training diverged at step 10: trainLoss is NaN"), (diverged.StepsCompleted, diverged.Error));
    }

    private static double CheckpointWallSeconds(string runDir) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Checkpoint.Locate(runDir)!, Checkpoint.StateFile)))!["wallSeconds"]!.GetValue<double>();

    [Fact]
    public void WallTimeCountsAProcessThatWasKilledAfterItsLastCheckpoint()
    {
        var work = Path.Combine(_dir, "wall");
        Directory.CreateDirectory(work);
        var config = CliRunner.WriteFitConfig(work, 2000, 500, 100);
        var run = Path.Combine(work, "run");
        // Manifest writes: the first, after start-up, then at the checkpoints of steps 500, 1000 and 1500: killed after 1500's.
        Assert.Equal(137, RunKilledAt($"{FaultPoint.ManifestWritten}:5", "run", config, "--no-report", "--out", run));
        Assert.Null(RunFolder.ReadManifest(run).WallSeconds);
        var killedSeconds = CheckpointWallSeconds(run);
        Assert.True(killedSeconds > 0);

        var (code, text) = CliRunner.Run("run", "--resume", run, "--no-report");
        Assert.True(code == CliApp.ExitOk, text);
        var manifest = RunFolder.ReadManifest(run);
        Assert.Equal([1500L], manifest.ResumedFrom);
        // The 1500 steps of the killed process count, besides the 500 of this one.
        Assert.True(manifest.WallSeconds >= killedSeconds, $"wallSeconds {manifest.WallSeconds} < {killedSeconds}, the killed process's time up to its checkpoint");
    }

    [Fact]
    public void AResumeKilledDuringStartUpStillSaysHowFarTheRunGot()
    {
        var work = Path.Combine(_dir, "startup");
        Directory.CreateDirectory(work);
        var config = CliRunner.WriteFitConfig(work, 2000, 500, 100);
        var run = Path.Combine(work, "run");
        Assert.Equal(137, RunKilledAt($"{FaultPoint.ManifestWritten}:4", "run", config, "--no-report", "--out", run));
        Assert.Equal(1000, RunFolder.ReadManifest(run).StepsCompleted);
        // The resume dies at its first manifest write, before it has read the checkpoint.
        Assert.Equal(137, RunKilledAt($"{FaultPoint.ManifestWritten}:1", "run", "--resume", run, "--no-report"));
        Assert.Equal(1000, RunFolder.ReadManifest(run).StepsCompleted);
    }
}
