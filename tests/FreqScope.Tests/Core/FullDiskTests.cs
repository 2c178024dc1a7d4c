using System.Diagnostics;
using FreqScope.Core.Runs;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Core;

/// <summary>
/// A run whose disk fills up: on a small tmpfs (mounted here when the test may mount one, skipped with the reason
/// elsewhere) it fails with the system's message in one line, its manifest says <c>failed</c> with that error, and
/// nothing in the folder looks complete.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FullDiskTests
{
    private static int Command(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>What a file descriptor of this process points at; null when it closed meanwhile (other tests run beside this one).</summary>
    private static string? OpenFile(string fd)
    {
        try
        {
            return new FileInfo(fd).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> on <paramref name="disk"/>, or skips the test with the reason.</summary>
    private static void Mount(string disk, string size)
    {
        bool mounted = false;
        try
        {
            mounted = Command("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk) == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No mount command.
        }

        if (!mounted) Assert.Skip($"this test mounts a {size} tmpfs to fill, and mounting is not allowed here (it needs root or CAP_SYS_ADMIN)");
    }

    /// <summary>A lazy unmount if the plain one finds the disk busy, so that a failure in the test is the one reported.</summary>
    private static void Unmount(string disk)
    {
        if (Command("mountpoint", "-q", disk) != 0) return;
        if (Command("umount", disk) != 0) Command("umount", "-l", disk);
    }

    /// <summary>
    /// One error line with the system's message, no stack frame, every file on <paramref name="disk"/> closed, the
    /// manifest failed with the message, no summary, no half checkpoint, no temporary file.
    /// </summary>
    private static void AssertFailedCleanly(string disk, string run, int code, string context, string output)
    {
        Assert.True(code == 1, context);
        var error = Assert.Single(output.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains("No space left on device", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles("/proc/self/fd").Select(OpenFile), t => t?.StartsWith(disk, StringComparison.Ordinal) == true);
        var manifest = RunFolder.ReadManifest(run);
        Assert.Equal(RunStatus.Failed, manifest.Status);
        Assert.Contains("No space left on device", manifest.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run, RunFolder.SummaryFile)));
        Assert.False(Directory.Exists(Path.Combine(run, Checkpoint.FolderName + ".new")));
        Assert.Empty(Directory.GetFiles(run, "*" + AtomicFile.TemporarySuffix + "*", SearchOption.AllDirectories));
    }

    public static TheoryData<string, string> KindsAndDisks()
    {
        var cases = new TheoryData<string, string>();
        foreach (var file in new[] { "fprinciple-1d.json", "fashion-mnist-mlp-filtering.json", "poisson-1d-hybrid.json", "ff-gaussian.json", "parity-10.json", "image-fit-plain.json", "ntk-linearised-vs-training.json" })
            foreach (var size in new[] { "24k", "48k" })
                cases.Add(file, size);
        return cases;
    }

    /// <summary>
    /// Every kind, in smoke mode, on a disk too small for its files (24 or 48 KiB, so that different writes fail: a
    /// table, a temporary file, a checkpoint): one error line with the system's message, the manifest failed with it,
    /// no summary, no half checkpoint, no temporary file, every file closed.
    /// </summary>
    [Theory]
    [MemberData(nameof(KindsAndDisks))]
    public void EveryKindFailsCleanlyWhenItsDiskFills(string file, string size)
    {
        var dir = RepoPaths.NewTempDirectory();
        var disk = Path.Combine(dir, "disk");
        Directory.CreateDirectory(disk);
        try
        {
            Mount(disk, size);
            var (config, _) = FreqScope.Tests.Golden.GoldenRunTests.PrepareConfig(file, Path.Combine(dir, "work"));
            var run = Path.Combine(disk, "run");
            var (code, output) = CliRunner.Run("run", config, "--smoke", "--no-report", "--out", run);
            AssertFailedCleanly(disk, run, code, $"{file} on {size}: exit {code}\n{output}", output);
        }
        finally
        {
            Unmount(disk);
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ARunThatFillsItsDiskEndsFailedWithTheErrorAndNoSummary()
    {
        var dir = RepoPaths.NewTempDirectory();
        var disk = Path.Combine(dir, "disk");
        Directory.CreateDirectory(disk);
        try
        {
            Mount(disk, "1m");
            // Every step probed: spectra.csv grows by about 7 kB a probe and fills 1 MiB long before step 1000.
            var config = Path.Combine(dir, "fill.json");
            File.WriteAllText(config, """
                { "name": "fill", "device": "cpu",
                  "target": { "kind": "sinusoids", "terms": [ { "frequency": 1 } ] },
                  "data": { "domain": [0, 1], "train": { "count": 101 } },
                  "model": { "hidden": [8] },
                  "training": { "steps": 1000, "checkpointEvery": 100 },
                  "probe": { "every": 1 } }
                """);
            var run = Path.Combine(disk, "run");
            var (code, output) = CliRunner.Run("run", config, "--out", run, "--no-report");
            AssertFailedCleanly(disk, run, code, $"exit {code}\n{output}", output);
        }
        finally
        {
            Unmount(disk);
            Directory.Delete(dir, true);
        }
    }
}
