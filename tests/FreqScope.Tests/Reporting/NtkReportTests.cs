using System.Text.Json.Nodes;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Ntk;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Reporting;

[Collection(TorchCollection.Name)]
public sealed class NtkReportTests : IDisposable
{
    private static readonly string[] AllFigures = ["eigen-spectrum", "losses", "discrepancy", "projections", "outputs"];

    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-ntk-report");

    public NtkReportTests() => NativeLoader.EnsureLoaded();

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A tiny finished run, written without its report.</summary>
    private string TinyRun(string name)
    {
        var init = new InitConfig { Distribution = InitDistribution.KaimingNormal };
        var config = new NtkExperimentConfig
        {
            Name = "tiny-ntk",
            Target = new TargetConfig { Kind = TargetKind.Sinusoids, Terms = [new SinusoidTerm(1, 2, 0)] },
            Data = new NtkDataConfig { Domain = new(-1, 1), TrainCount = 12, TestCount = 20 },
            Model = new ModelConfig { Hidden = [64], Activation = Activation.Relu, WeightInit = init, BiasInit = init },
            Training = new NtkTrainingConfig { LearningRate = 0.01, Steps = 30 },
            Probe = new NtkProbeConfig { Every = 5, Eigenvectors = 3, Snapshots = 3 },
        };
        var dir = Path.Combine(_dir, name);
        NtkExperiment.Run(config, new RunOptions { RunDirectory = dir, BuildReport = false }, TestContext.Current.CancellationToken);
        return dir;
    }

    [Fact]
    public void Build_FinishedRun_OpensWithTheVerdictAndWritesEveryFigure()
    {
        var dir = TinyRun("finished");
        Assert.Equal("ntk", RunReport.KindOf(dir).Name);
        ReportResult result = RunReport.Build(dir);
        string html = File.ReadAllText(result.ReportPath);
        var data = NtkRunFolderReader.Read(dir);

        Assert.True(result.Finished);
        Assert.Equal(data.Summary!.Verdict, ReportHtmlText.FirstBodyText(html));
        Assert.DoesNotContain("UNFINISHED", html);
        Assert.Contains("<title>FreqScope report: tiny-ntk</title>", html);
        Assert.Contains("id=\"eigen-table\"", html);
        Assert.Equal(AllFigures, result.Plots.Select(p => p.Name));
        string[] files = [.. Directory.EnumerateFiles(Path.Combine(dir, "plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(AllFigures.SelectMany(n => new[] { n + ".pdf", n + ".png", n + ".svg" }).Order(StringComparer.Ordinal), files);
        Assert.Equal(7, data.Trajectory.Count); // steps 0, 5, …, 30
        Assert.Equal([0, 1, 2], data.ProjectedIndices);
        Assert.Equal(12, data.Eigen!.Count);
    }

    [Fact]
    public void Build_RunWithoutSummary_IsMarkedUnfinishedAndStillDrawsTheFiles()
    {
        var dir = TinyRun("running");
        File.Delete(Path.Combine(dir, "summary.json"));
        File.Delete(Path.Combine(dir, "outputs.csv"));
        var manifestPath = Path.Combine(dir, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["status"] = "running";
        manifest["stepsCompleted"] = 30;
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        ReportResult result = NtkReport.Build(dir);
        string html = File.ReadAllText(result.ReportPath);
        Assert.False(result.Finished);
        Assert.Contains("UNFINISHED RUN (status: running, 30 of 30 steps): no process holds the folder", html);
        Assert.Contains("id=\"incomplete\"", html);
        Assert.StartsWith("UNFINISHED RUN (status: running, 30 of 30 steps): no process holds the folder, so the run was stopped without ending", ReportHtmlText.FirstBodyText(html), StringComparison.Ordinal);
        Assert.Contains("No verdict: the run is unfinished; the last probe (step 30)", html);
        Assert.Equal(AllFigures.Where(f => f != "outputs"), result.Plots.Select(p => p.Name));
    }

    [Fact]
    public void Read_ReportsABadFileByNameLineAndColumn()
    {
        var dir = TinyRun("bad");
        var path = Path.Combine(dir, "trajectory.csv");
        var lines = File.ReadAllLines(path);
        lines[2] = "5,abc" + lines[2][lines[2].IndexOf(',', 2)..];
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<InvalidDataException>(() => NtkRunFolderReader.Read(dir));
        Assert.Contains("trajectory.csv line 3", e.Message);
        Assert.Contains("loss_real", e.Message);

        File.WriteAllText(path, "step,loss\n");
        var header = Assert.Throws<InvalidDataException>(() => NtkRunFolderReader.Read(dir));
        Assert.Contains("trajectory.csv line 1: expected header", header.Message);
    }
}
