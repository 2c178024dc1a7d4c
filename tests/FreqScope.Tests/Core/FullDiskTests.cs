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

    [Fact]
    public void ARunThatFillsItsDiskEndsFailedWithTheErrorAndNoSummary()
    {
        var dir = RepoPaths.NewTempDirectory();
        var disk = Path.Combine(dir, "disk");
        Directory.CreateDirectory(disk);
        bool mounted = false;
        try
        {
            try
            {
                mounted = Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk) == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No mount command.
            }

            if (!mounted) Assert.Skip("this test mounts a 1 MiB tmpfs to fill, and mounting is not allowed here (it needs root or CAP_SYS_ADMIN)");
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
            Assert.Equal(1, code);
            var errors = output.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
            Assert.Single(errors);
            Assert.Contains("No space left on device", errors[0], StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);

            // Every file of the run is closed again.
            Assert.DoesNotContain(Directory.GetFiles("/proc/self/fd").Select(OpenFile), t => t?.StartsWith(disk, StringComparison.Ordinal) == true);
            var manifest = RunFolder.ReadManifest(run);
            Assert.Equal(RunStatus.Failed, manifest.Status);
            Assert.Contains("No space left on device", manifest.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(run, RunFolder.SummaryFile)));
            Assert.False(Directory.Exists(Path.Combine(run, Checkpoint.FolderName + ".new")));
        }
        finally
        {
            // A lazy unmount if the plain one finds the disk busy, so that a failure above is the one reported.
            if (mounted && Command("umount", disk) != 0) Command("umount", "-l", disk);
            Directory.Delete(dir, true);
        }
    }
}
