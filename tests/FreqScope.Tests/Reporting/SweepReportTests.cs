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
    public void AGridIsPlottedAgainstItsNumericKeyWithOneLinePerValueOfTheOthers()
    {
        var dir = SweepFolder("grid", ["seed", "training.weightDecay"], ["finalTestLoss", "spectralBiasIndex"],
            Member("s-000", "finished", Values(("seed", "0"), ("training.weightDecay", "0")), Metrics(0.1, 1)),
            Member("s-001", "finished", Values(("seed", "0"), ("training.weightDecay", "0.01")), Metrics(0.2, 0.5)),
            Member("s-002", "finished", Values(("seed", "1"), ("training.weightDecay", "0")), Metrics(0.3, 1)),
            Member("s-003", "finished", Values(("seed", "1"), ("training.weightDecay", "0.01")), Metrics(0.4, -1)));
        try
        {
            Assert.Equal("training.weightDecay", SweepReport.XKey(SweepRunner.ReadManifest(dir)));
            Assert.True(SweepReport.IsSweepFolder(dir));
            var result = RunReport.Build(dir);
            Assert.True(result.Finished);
            Assert.Equal(["sweep-finalTestLoss", "sweep-spectralBiasIndex"], result.Plots.Select(p => p.Name));
            Assert.All(result.AllPaths, p => Assert.True(File.Exists(p), p));
            var svg = File.ReadAllText(result.Plots[0].SvgPath);
            Assert.Contains("seed=0", svg);
            Assert.Contains("seed=1", svg);
            Assert.Contains("training.weightDecay", svg);
            var html = File.ReadAllText(result.ReportPath);
            Assert.Contains("FreqScope sweep: synthetic", html);
            Assert.Contains("4 of 4 members finished", html);
            Assert.DoesNotContain("UNFINISHED", html);
            Assert.Contains("href=\"s-003/report.html\"", html);
            Assert.Contains("one line per value of the other swept keys", html);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void NonNumericValuesArePlottedByMemberAndAnUnfinishedSweepSaysSo()
    {
        var dir = SweepFolder("zip", ["model.activation"], ["finalTestLoss", "spectralBiasIndex"],
            Member("a-000", "finished", Values(("model.activation", "\"tanh\"")), Metrics(0.1, null)),
            Member("a-001", "finished", Values(("model.activation", "\"relu\"")), Metrics(0.2, null)),
            Member("a-002", "pending", Values(("model.activation", "\"sin\"")), new JsonObject()));
        try
        {
            Assert.Null(SweepReport.XKey(SweepRunner.ReadManifest(dir)));
            var result = SweepReport.Build(dir);
            Assert.False(result.Finished);
            // spectralBiasIndex has no value in any member: no figure for it.
            Assert.Equal(["sweep-finalTestLoss"], result.Plots.Select(p => p.Name));
            var html = File.ReadAllText(result.ReportPath);
            Assert.Contains("UNFINISHED SWEEP: 2 of 3 members finished", html);
            Assert.Contains("against the member index", html);
            Assert.Contains("<td>relu</td>", html);
            Assert.Contains("<td>pending</td>", html);
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
