using System.Text.Json.Nodes;
using FreqScope.Experiments;
using FreqScope.Reporting;
using FreqScope.Tests.Support;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Reporting;

public sealed class SweepReportTests
{
    private static JsonObject Member(string name, string status, JsonObject values, JsonObject metrics) => new()
    {
        ["name"] = name,
        ["label"] = string.Join(",", values.Select(v => $"{v.Key}={v.Value!.GetValue<string>()}")),
        ["values"] = values,
        ["status"] = status,
        ["wallSeconds"] = status == "pending" ? null : 1.5,
        ["error"] = null,
        ["metrics"] = metrics,
    };

    /// <summary>Writes a sweep.json of the given keys, metrics and members into a fresh folder.</summary>
    private static string SweepFolder(string mode, string[] keys, string[] metrics, params JsonObject[] members)
    {
        var dir = RepoPaths.NewTempDirectory();
        var manifest = new JsonObject
        {
            ["kind"] = "sweep",
            ["name"] = "synthetic",
            ["experiment"] = "fit1d",
            ["mode"] = mode,
            ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]),
            ["smoke"] = false,
            ["device"] = null,
            ["metrics"] = new JsonArray([.. metrics.Select(k => (JsonNode)k)]),
            ["members"] = new JsonArray(members),
            ["config"] = JsonNode.Parse("""{ "name": "synthetic", "sweep": { "values": { "seed": [0] } } }"""),
        };
        File.WriteAllText(Path.Combine(dir, SweepRunner.ManifestFile), manifest.ToJsonString());
        return dir;
    }

    private static JsonObject Values(params (string Key, string Json)[] values)
    {
        var o = new JsonObject();
        foreach (var (key, json) in values) o[key] = json;
        return o;
    }

    private static JsonObject Metrics(double? loss, double? index)
    {
        return new JsonObject { ["finalTestLoss"] = loss, ["spectralBiasIndex"] = index };
    }

    [Fact]
    public void SeedsAreAggregatedAndTheHeadlineStatesTheTrendWithinItsSpread()
    {
        var dir = SweepFolder("grid", ["seed", "training.weightDecay"], ["finalTestLoss", "spectralBiasIndex"],
            Member("s-000", "finished", Values(("seed", "0"), ("training.weightDecay", "0")), Metrics(0.1, 1)),
            Member("s-001", "finished", Values(("seed", "0"), ("training.weightDecay", "0.01")), Metrics(0.2, 0.5)),
            Member("s-002", "finished", Values(("seed", "1"), ("training.weightDecay", "0")), Metrics(0.3, 1)),
            Member("s-003", "finished", Values(("seed", "1"), ("training.weightDecay", "0.01")), Metrics(0.4, -1)));
        try
        {
            Assert.True(SweepReport.IsSweepFolder(dir));
            var result = RunReport.Build(dir);
            Assert.True(result.Finished);
            Assert.Equal(["sweep-finalTestLoss", "sweep-spectralBiasIndex"], result.Plots.Select(p => p.Name));
            Assert.All(result.AllPaths, p => Assert.True(File.Exists(p), p));
            var svg = File.ReadAllText(result.Plots[0].SvgPath);
            // Seeds are replicates: one line of means, not one line per seed.
            Assert.DoesNotContain("seed=0", svg);
            Assert.Contains("mean over seeds", svg);
            Assert.Contains("training.weightDecay", svg);
            var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(result.ReportPath));
            Assert.Contains("FreqScope sweep: synthetic", html);
            // The spectral metric first: 1, 1 at 0 and 0.5, −1 at 0.01. Then the loss: 0.1, 0.3 at 0 and 0.2, 0.4 at
            // 0.01, means 0.2 → 0.3, each with a range of 0.2.
            Assert.Contains("<p class=\"verdict\" id=\"verdict\">spectralBiasIndex falls from 1 to -0.25 as training.weightDecay goes 0 → 0.01 (mean of 2 seeds each). finalTestLoss rises from 0.2 to 0.3 as training.weightDecay goes 0 → 0.01 (mean of 2 seeds each); the change is within the spread across seeds. 4 of 4 members finished", html);
            Assert.DoesNotContain("UNFINISHED", html);
            Assert.Contains("href=\"s-003/report.html\"", html);
            Assert.Contains("the bars are ± one standard deviation (three or more seeds) or the range (two)", html);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void NonNumericValuesAreCategoriesAndAnUnfinishedSweepSaysSo()
    {
        var dir = SweepFolder("zip", ["model.activation"], ["finalTestLoss", "spectralBiasIndex"],
            Member("a-000", "finished", Values(("model.activation", "\"tanh\"")), Metrics(0.1, null)),
            Member("a-001", "finished", Values(("model.activation", "\"relu\"")), Metrics(0.2, null)),
            Member("a-002", "pending", Values(("model.activation", "\"sin\"")), new JsonObject()));
        try
        {
            var result = SweepReport.Build(dir);
            Assert.False(result.Finished);
            // spectralBiasIndex has no value in any member: no figure for it.
            Assert.Equal(["sweep-finalTestLoss"], result.Plots.Select(p => p.Name));
            var html = File.ReadAllText(result.ReportPath);
            Assert.Contains("UNFINISHED SWEEP: 2 of 3 members finished", html);
            Assert.Contains("against model.activation (one column per value)", html);
            Assert.Contains("finalTestLoss is lowest at model.activation = tanh (0.1) and highest at relu (0.2) of 2 values.", html);
            Assert.Contains("<td>relu</td>", html);
            Assert.Contains("<td>pending</td>", html);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AGridOverTwoKeysGetsAHeatmapOfItsMeans()
    {
        var dir = SweepFolder("grid", ["training.learningRate", "model.weightInit.std"], ["finalTestLoss"],
            Member("g-000", "finished", Values(("training.learningRate", "0.001"), ("model.weightInit.std", "0.1")), Metrics(0.5, null)),
            Member("g-001", "finished", Values(("training.learningRate", "0.01"), ("model.weightInit.std", "0.1")), Metrics(0.25, null)),
            Member("g-002", "finished", Values(("training.learningRate", "0.001"), ("model.weightInit.std", "1")), Metrics(0.4, null)),
            Member("g-003", "finished", Values(("training.learningRate", "0.01"), ("model.weightInit.std", "1")), Metrics(0.2, null)));
        try
        {
            var result = SweepReport.Build(dir);
            Assert.Equal(["sweep-finalTestLoss-grid", "sweep-finalTestLoss"], result.Plots.Select(p => p.Name));
            var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(result.ReportPath));
            // Along the first key with the second at its first value: 0.5 → 0.25.
            Assert.Contains("finalTestLoss falls from 0.5 to 0.25 as training.learningRate goes 0.001 → 0.01 (with model.weightInit.std = 0.1).", html);
            Assert.Contains("one line per value of the other swept keys", html);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ASweepOfSeedsAloneShowsEverySeedAndTheirMean()
    {
        var dir = SweepFolder("grid", ["seed"], ["spectralBiasIndex"],
            Member("s-000", "finished", Values(("seed", "0")), Metrics(null, 1)),
            Member("s-001", "finished", Values(("seed", "1")), Metrics(null, 0.8)),
            Member("s-002", "finished", Values(("seed", "2")), Metrics(null, 0.9)));
        try
        {
            var result = SweepReport.Build(dir);
            var svg = File.ReadAllText(Assert.Single(result.Plots).SvgPath);
            Assert.Contains("spectralBiasIndex over 3 seeds", svg);
            Assert.Contains("mean 0.9 ± 0.1", svg);
            Assert.Contains("spectralBiasIndex: 0.9 ± 0.1 over 3 seeds.", System.Net.WebUtility.HtmlDecode(File.ReadAllText(result.ReportPath)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SweepCsvQuotesValuesHoldingCommasAndLeavesMissingValuesEmpty()
    {
        var dir = SweepFolder("grid", ["model.hidden", "model.activation"], ["finalTestLoss"],
            Member("h-000", "finished", Values(("model.hidden", "[8,8]"), ("model.activation", "\"tanh\"")), Metrics(0.25, null)),
            Member("h-001", "failed", Values(("model.hidden", "[16]"), ("model.activation", "\"tanh\"")), new JsonObject()));
        try
        {
            var table = SweepRunner.Table(SweepRunner.ReadManifest(dir));
            Assert.Equal(
                "member,status,wallSeconds,model.hidden,model.activation,finalTestLoss\n"
                + "h-000,finished,1.5,\"[8,8]\",tanh,0.25\n"
                + "h-001,failed,1.5,[16],tanh,\n",
                table);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
