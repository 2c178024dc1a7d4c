using System.Globalization;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Cli;

/// <summary>
/// <c>freqscope watch</c>: on an ended run it prints the last value of every streamed quantity once and exits; on a
/// running one it follows the tables until the run ends, showing rows written after it started.
/// </summary>
public sealed class WatchCommandTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-watch");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void AnEndedRunShowsItsLastValuesAndExits()
    {
        string run = SmokeRun();
        var (code, output) = CliRunner.Run("watch", run);

        Assert.Equal(CliApp.ExitOk, code);
        Assert.Contains("finished", output);
        string[] last = File.ReadAllLines(Path.Combine(run, "metrics.csv"))[^1].Split(',');
        string loss = ((float)double.Parse(last[1], CultureInfo.InvariantCulture)).ToString("G6", CultureInfo.InvariantCulture);
        Assert.Matches($@"metrics/train_loss\s*│\s*{last[0]}\s*│\s*{System.Text.RegularExpressions.Regex.Escape(loss)}", output);
        Assert.Contains("spectra/delta_complex/k=5", output);
        Assert.DoesNotContain("spectra/delta_complex/k=2 ", output);
    }

    [Fact]
    public async Task ARunningRunIsFollowedUntilItEnds()
    {
        string run = SmokeRun();
        string metrics = Path.Combine(run, "metrics.csv");
        string[] lines = File.ReadAllLines(metrics);
        // The folder as it was two probes before the end, written by this process.
        File.WriteAllText(metrics, string.Join("\n", lines[..^2]) + "\n");
        string manifest = Path.Combine(run, RunFolder.ManifestFile);
        var node = SmokeRuns.MarkRunning(run, holder: true);

        var watch = Task.Run(() => CliRunner.Run("watch", run, "--interval", "0.1"), TestContext.Current.CancellationToken);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.False(watch.IsCompleted, "watch waits while the run is running");
        // The run writes its last probes and ends.
        File.AppendAllText(metrics, string.Join("\n", lines[^2..]) + "\n");
        node["status"] = RunStatus.Finished;
        node["finished"] = true;
        AtomicFile.WriteAllText(manifest, node.ToJsonString());
        File.WriteAllText(Path.Combine(run, FolderLock.FileName), string.Empty);

        var (code, output) = await watch.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(CliApp.ExitOk, code);
        string[] last = lines[^1].Split(',');
        Assert.Matches($@"metrics/train_loss\s*│\s*{last[0]}\s*│", output);
    }

    private string SmokeRun() => SmokeRuns.Run(Path.Combine(_dir, "fit"), "fprinciple-1d.json");
}
