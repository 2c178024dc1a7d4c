using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Tests.Golden;

namespace FreqScope.Tests.Support;

/// <summary>Smoke runs of shipped experiment files for tests, and run folders made to look as a run still writing them does.</summary>
internal static class SmokeRuns
{
    /// <summary>
    /// Runs the shipped <paramref name="file"/> in smoke mode (a classify config on synthetic data, as the golden runs
    /// do) into a fresh folder under <paramref name="work"/>, with <paramref name="extra"/> arguments; returns the run folder.
    /// </summary>
    public static string Run(string work, string file, params string[] extra)
    {
        var (config, _) = GoldenRunTests.PrepareConfig(file, work);
        string output = Path.Combine(work, "out");
        var (code, text) = CliRunner.Run(["run", config, "--smoke", "--no-report", .. extra, "--out", output]);
        Assert.True(code == CliApp.ExitOk, $"{file}: exit {code}\n{text}");
        return output;
    }

    /// <summary>
    /// Makes <paramref name="dir"/> look as it does while its run writes it: manifest <c>running</c> and (with
    /// <paramref name="holder"/>) this process in the lock file, else an empty lock file (no process holds it).
    /// Returns the manifest as written, for the caller to end the run with.
    /// </summary>
    public static JsonObject MarkRunning(string dir, bool holder)
    {
        string manifest = Path.Combine(dir, RunFolder.ManifestFile);
        var node = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        node["status"] = RunStatus.Running;
        node["finished"] = false;
        File.WriteAllText(manifest, node.ToJsonString());
        using var me = Process.GetCurrentProcess();
        File.WriteAllText(Path.Combine(dir, FolderLock.FileName), holder
            ? JsonSerializer.Serialize(new LockHolder(Environment.ProcessId, Environment.MachineName, me.StartTime.ToUniversalTime()), RunFolder.Json)
            : string.Empty);
        return node;
    }
}
