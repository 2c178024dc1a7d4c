using System.Globalization;
using System.Text.Json.Nodes;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Sweeps;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Extending;

/// <summary>
/// docs/adding-a-kind.md followed literally: a kind defined in this folder only (config, contract, session, summary,
/// kind), registered with one line, runs through <c>freqscope run</c> (aliases, resume), <c>sweep</c>,
/// <c>report</c> and <c>schema</c> with nothing else in FreqScope touched. Its numbers follow the closed form
/// x_k = target + (x₀ − target)(1 − η)^k.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DecayKindTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-decay");

    // A program registers its kind once, for good: ExperimentKinds.Register(DecayExperiment.Instance). A test adds it
    // for its own flow of execution only, so that the tests running beside it still see the built-in kinds alone.
    private readonly IDisposable _kind = ExperimentKinds.Scope(DecayExperiment.Instance);

    public void Dispose()
    {
        _kind.Dispose();
        Directory.Delete(_dir, true);
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static (long Step, double X)[] Trace(string runDir) =>
        [.. File.ReadLines(Path.Combine(runDir, DecayExperiment.TraceFile)).Skip(1).Select(l => l.Split(','))
            .Select(f => (long.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture)))];

    [Fact]
    public void ARunFollowsTheClosedFormAndItsReportRebuilds()
    {
        var config = Write("decay.json", """{ "experiment": "decay", "name": "tiny-decay", "start": 3, "target": 1, "rate": 0.25, "steps": 500, "probeEvery": 5 }""");
        var run = Path.Combine(_dir, "run");
        var (code, output) = CliRunner.Run("run", config, "--steps", "40", "--out", run);
        Assert.True(code == CliApp.ExitOk, output);
        var trace = Trace(run);
        Assert.Equal([0L, 5, 10, 15, 20, 25, 30, 35, 40], trace.Select(t => t.Step));
        foreach (var (step, x) in trace) Assert.Equal(1 + 2 * Math.Pow(0.75, step), x, 1e-12);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, RunFolder.SummaryFile)))!;
        Assert.Equal(2 * Math.Pow(0.75, 40), summary["error"]!.GetValue<double>(), 1e-12);
        Assert.Contains(summary["verdict"]!.GetValue<string>(), output.ReplaceLineEndings(""));
        var manifest = RunFolder.ReadManifest(run);
        Assert.Equal(("decay", RunStatus.Finished, 40L), (manifest.Experiment, manifest.Status, manifest.StepsCompleted));
        Assert.Equal(["steps=40"], manifest.Overrides!);

        File.Delete(Path.Combine(run, RunFolder.ReportFile));
        var (reportCode, reportOutput) = CliRunner.Run("report", run);
        Assert.True(reportCode == CliApp.ExitOk, reportOutput);
        Assert.Contains(summary["verdict"]!.GetValue<string>(), File.ReadAllText(Path.Combine(run, RunFolder.ReportFile)));

        var (epochs, epochsOutput) = CliRunner.Run("run", config, "--epochs", "3");
        Assert.Equal(CliApp.ExitUsage, epochs);
        Assert.Contains("--epochs applies to classify experiments; \"tiny-decay\" is a decay experiment (it takes --steps)", epochsOutput);
        var (bad, badOutput) = CliRunner.Run("run", config, "--set", "rate=0");
        Assert.Equal(CliApp.ExitUsage, bad);
        Assert.Contains("(--set rate=0): $.rate: 0 is out of range; expected a number in (0, 1]", badOutput);
    }

    [Fact]
    public void AnInterruptedRunResumesToTheUninterruptedFiles()
    {
        var config = new DecayConfig { Rate = 0.1, Steps = 100, ProbeEvery = 4, CheckpointEvery = 10 };
        var whole = DecayExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, "whole"), BuildReport = false }, TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var cut = DecayExperiment.Run(config, new RunOptions
        {
            RunDirectory = Path.Combine(_dir, "cut"),
            BuildReport = false,
            OnProgress = p => { if (p.Step >= 56) cts.Cancel(); },
        }, cts.Token);
        Assert.Equal((RunStatus.Interrupted, 56L), (cut.Status, cut.StepsCompleted));
        var resumed = DecayExperiment.Run(config, new RunOptions { RunDirectory = cut.RunDirectory, Resume = true, BuildReport = false }, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Finished, resumed.Status);
        Assert.Equal(File.ReadAllText(Path.Combine(whole.RunDirectory, DecayExperiment.TraceFile)), File.ReadAllText(Path.Combine(resumed.RunDirectory, DecayExperiment.TraceFile)));
        Assert.Equal(whole.Summary, resumed.Summary);
        Assert.Equal([56L], RunFolder.ReadManifest(resumed.RunDirectory).ResumedFrom);
    }

    [Fact]
    public void ASweepRunsEveryMemberAndTabulatesTheKindsMetrics()
    {
        var config = Write("sweep.json", """
            { "experiment": "decay", "name": "decay-rates", "steps": 30,
              "sweep": { "mode": "grid", "values": { "rate": [0.1, 0.5] } } }
            """);
        var output = Path.Combine(_dir, "sweep");
        var (code, text) = CliRunner.Run("sweep", config, "--out", output);
        Assert.True(code == CliApp.ExitOk, text);
        var manifest = SweepRunner.ReadManifest(output);
        Assert.Equal(2, manifest.Members.Count);
        Assert.All(manifest.Members, m => Assert.Equal(RunStatus.Finished, m.Status));
        var rows = File.ReadAllLines(Path.Combine(output, SweepRunner.TableFile));
        var header = rows[0].Split(',');
        int error = Array.IndexOf(header, "error");
        Assert.True(error >= 0, rows[0]);
        Assert.Equal(Math.Pow(0.9, 30), double.Parse(rows[1].Split(',')[error], CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal(Math.Pow(0.5, 30), double.Parse(rows[2].Split(',')[error], CultureInfo.InvariantCulture), 1e-12);
    }

    [Fact]
    public void ItsSchemaFollowsFromTheRecord()
    {
        var (code, output) = CliRunner.Run("schema", "decay");
        Assert.Equal(CliApp.ExitOk, code);
        var rate = JsonNode.Parse(output)!["properties"]!["rate"]!;
        Assert.Equal((0.0, 1.0, 0.1), (rate["exclusiveMinimum"]!.GetValue<double>(), rate["maximum"]!.GetValue<double>(), rate["default"]!.GetValue<double>()));
        Assert.Equal("Step size η in (0, 1]. Default 0.1.", rate["description"]!.GetValue<string>());
    }
}
