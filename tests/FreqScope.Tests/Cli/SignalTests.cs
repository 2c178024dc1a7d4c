using System.Diagnostics;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Sweeps;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Cli;

/// <summary>
/// The command line in processes of its own, stopped as schedulers and users stop them: SIGTERM checkpoints and marks
/// the run interrupted (exit 130), and a local sweep's member stops the same way when its sweep process is killed.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class SignalTests
{
    private static void WaitFor(Func<bool> condition, string what, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {seconds} s for {what}");
            Thread.Sleep(50);
        }
    }

    private static bool CheckpointedPastStepZero(string runDir) =>
        RunFolder.TryReadManifest(runDir) is { Status: RunStatus.Running, StepsCompleted: > 0 };

    private static long? CheckpointStep(string runDir) => Checkpoint.Locate(runDir) is { } cp
        ? System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(cp, Checkpoint.StateFile)))!["step"]!.GetValue<long>()
        : null;

    /// <summary>Kills every process whose command line names <paramref name="text"/> (a member left running when the test fails).</summary>
    private static void KillProcessesNaming(string text)
    {
        foreach (var proc in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(proc, "cmdline")).Contains(text, StringComparison.Ordinal)) continue;
                using var p = Process.GetProcessById(int.Parse(Path.GetFileName(proc), System.Globalization.CultureInfo.InvariantCulture));
                p.Kill();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    [Fact]
    public void SigtermCheckpointsAndMarksARunInterrupted()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            using var process = CliRunner.Start(null, "run", CliRunner.WriteFitConfig(dir, 1_000_000, 50, 50), "--out", run, "--no-report");
            try
            {
                WaitFor(() => CheckpointedPastStepZero(run), "the run's first checkpoint after step 0");
                Signal(process.Id, "TERM");
                Assert.True(process.WaitForExit(60_000), "the run did not stop within 60 s of SIGTERM");
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }

            Assert.Equal(CliApp.ExitInterrupted, process.ExitCode);
            var manifest = RunFolder.ReadManifest(run);
            Assert.Equal(RunStatus.Interrupted, manifest.Status);
            // The checkpoint is the step the manifest names, so --resume continues exactly there.
            Assert.Equal(manifest.StepsCompleted, CheckpointStep(run));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ALocalSweepMemberStopsCleanlyWhenItsSweepProcessIsKilled()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = CliRunner.WriteFitConfig(dir, 1_000_000, 50, 50);
            var text = File.ReadAllText(config).TrimEnd().TrimEnd('}') + """, "sweep": { "values": { "seed": [0] } } }""";
            File.WriteAllText(config, text);
            var sweepDir = Path.Combine(dir, "sweep");
            var member = Path.Combine(sweepDir, "fit-000");
            using var parent = CliRunner.Start(null, "sweep", config, "--out", sweepDir, "--backend", "local", "--jobs", "1", "--no-report");
            try
            {
                WaitFor(() => CheckpointedPastStepZero(member), "the member's first checkpoint after step 0");
                parent.Kill(entireProcessTree: false); // SIGKILL to the sweep alone; its member lives on
                parent.WaitForExit();
                // The member sees its parent gone, checkpoints, marks itself interrupted and releases its folder.
                WaitFor(() => RunFolder.TryReadManifest(member)?.Status == RunStatus.Interrupted, "the member to mark itself interrupted", 60);
                WaitFor(() =>
                {
                    try
                    {
                        using var free = FolderLock.Acquire(member, "test");
                        return true;
                    }
                    catch (InvalidOperationException)
                    {
                        return false;
                    }
                }, "the member process to end", 60);
            }
            finally
            {
                if (!parent.HasExited) parent.Kill(entireProcessTree: true);
                KillProcessesNaming(sweepDir);
            }

            var manifest = RunFolder.ReadManifest(member);
            Assert.Equal(manifest.StepsCompleted, CheckpointStep(member));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
