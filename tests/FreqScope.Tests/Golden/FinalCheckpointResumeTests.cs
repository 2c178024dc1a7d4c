using System.Text.Json.Nodes;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Golden;

/// <summary>
/// For every kind: a run killed at its very end (the final checkpoint saved, the manifest still <c>running</c>, the
/// summary not yet written) and resumed ends with exactly the data files of the uninterrupted run, and a manifest
/// that differs only in the resume it records.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FinalCheckpointResumeTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-final-resume");

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string> Cases() =>
    [
        "fprinciple-1d.json",
        "fashion-mnist-mlp-filtering.json",
        "fashion-mnist-mlp-paths.json",
        "poisson-1d-hybrid.json",
        "ff-gaussian.json",
        "ntk-linearised-vs-training.json",
        "parity-10.json",
        "image-fit-plain.json",
    ];

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) CopyTree(d, Path.Combine(to, Path.GetFileName(d)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AKillAtTheFinalManifestWriteResumesToTheUninterruptedFiles(string file)
    {
        var work = Path.Combine(_dir, Path.GetFileNameWithoutExtension(file));
        var (config, _) = GoldenRunTests.PrepareConfig(file, work);
        var whole = Path.Combine(work, "whole");
        var (code, text) = CliRunner.Run("run", config, "--smoke", "--no-report", "--out", whole);
        Assert.True(code == CliApp.ExitOk, $"{file}: exit {code}\n{text}");

        var killed = Path.Combine(work, "killed");
        CopyTree(whole, killed);
        var manifest = RunFolder.ReadManifest(killed);
        RunFolder.WriteManifest(killed, manifest with { Status = RunStatus.Running, EndedAt = null, WallSeconds = null });
        File.Delete(Path.Combine(killed, RunFolder.SummaryFile));

        (code, text) = CliRunner.Run("run", "--resume", killed, "--no-report");
        Assert.True(code == CliApp.ExitOk, $"{file}: resume exit {code}\n{text}");
        string Digest(string dir) => RunDigest.Of(dir, [(dir, "<RUN>"), (work, "<WORK>"), (RepoPaths.Root, "<REPO>")]);
        var expected = Digest(whole).Split('\n').Where(l => !l.StartsWith(RunFolder.ManifestFile + " ", StringComparison.Ordinal));
        var actual = Digest(killed).Split('\n').Where(l => !l.StartsWith(RunFolder.ManifestFile + " ", StringComparison.Ordinal));
        Assert.Equal(expected, actual);

        // The manifest is the uninterrupted one's but for the resume it records.
        JsonObject Fields(string dir)
        {
            var node = JsonNode.Parse(RunDigest.NormaliseJson(File.ReadAllText(Path.Combine(dir, RunFolder.ManifestFile))))!.AsObject();
            node.Remove("resumedFrom");
            return node;
        }

        Assert.Equal(Fields(whole).ToJsonString(), Fields(killed).ToJsonString());
        Assert.Equal(RunStatus.Finished, RunFolder.ReadManifest(killed).Status);
        Assert.NotEmpty(RunFolder.ReadManifest(killed).ResumedFrom);
    }

    /// <summary>
    /// A run that stop-at-loss ended early, killed at its final manifest write and resumed, stops where it stopped: its
    /// last checkpoint says training was over (before the fix, the resume trained one more probe interval).
    /// </summary>
    [Fact]
    public void AStopAtLossRunResumedFromItsFinalCheckpointTrainsNoFurther()
    {
        var work = Path.Combine(_dir, "stop-at-loss");
        Directory.CreateDirectory(work);
        var config = CliRunner.WriteFitConfig(work, steps: 3000, checkpointEvery: 100, probeEvery: 10);
        var whole = Path.Combine(work, "whole");
        var (code, text) = CliRunner.Run("run", config, "--set", "training.stopAtLoss=0.01", "--no-report", "--out", whole);
        Assert.True(code == CliApp.ExitOk, text);
        var stopped = RunFolder.ReadManifest(whole);
        Assert.InRange(stopped.StepsCompleted, 1, 2999);
        Assert.NotEqual(0, stopped.StepsCompleted % 100);

        var killed = Path.Combine(work, "killed");
        CopyTree(whole, killed);
        RunFolder.WriteManifest(killed, stopped with { Status = RunStatus.Running, EndedAt = null, WallSeconds = null });
        File.Delete(Path.Combine(killed, RunFolder.SummaryFile));
        (code, text) = CliRunner.Run("run", "--resume", killed, "--no-report");
        Assert.True(code == CliApp.ExitOk, text);
        string[] Digest(string dir) => [.. RunDigest.Of(dir, [(dir, "<RUN>"), (work, "<WORK>")]).Split('\n')
            .Where(l => !l.StartsWith(RunFolder.ManifestFile + " ", StringComparison.Ordinal))];
        Assert.Equal(Digest(whole), Digest(killed));
        Assert.Equal(stopped.StepsCompleted, RunFolder.ReadManifest(killed).StepsCompleted);
    }

    [Fact]
    public void AnEnsembleSweepKilledAtTheEndResumesToTheUninterruptedFiles()
    {
        var work = Path.Combine(_dir, "ensemble");
        var (config, sweep) = GoldenRunTests.PrepareConfig("sweep-seeds-1d.json", work);
        Assert.True(sweep);
        var whole = Path.Combine(work, "whole");
        var (code, text) = CliRunner.Run("sweep", config, "--smoke", "--no-report", "--out", whole);
        Assert.True(code == CliApp.ExitOk, text);

        // Every member killed at its final manifest write: the group's final checkpoint saved, no summaries yet.
        var killed = Path.Combine(work, "killed");
        CopyTree(whole, killed);
        var members = Directory.GetDirectories(killed).Where(d => File.Exists(Path.Combine(d, RunFolder.ManifestFile))).ToArray();
        Assert.NotEmpty(members);
        foreach (var member in members)
        {
            Assert.NotNull(RunFolder.ReadManifest(member).Ensemble);
            RunFolder.WriteManifest(member, RunFolder.ReadManifest(member) with { Status = RunStatus.Running, EndedAt = null, WallSeconds = null });
            File.Delete(Path.Combine(member, RunFolder.SummaryFile));
        }

        (code, text) = CliRunner.Run("sweep", "--resume", killed, "--no-report");
        Assert.True(code == CliApp.ExitOk, text);
        string[] Digest(string dir) => [.. RunDigest.Of(dir, [(dir, "<SWEEP>"), (work, "<WORK>"), (RepoPaths.Root, "<REPO>")]).Split('\n')
            .Where(l => !l.Contains(RunFolder.ManifestFile + " ", StringComparison.Ordinal))];
        Assert.Equal(Digest(whole), Digest(killed));
    }
}
