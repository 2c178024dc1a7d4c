using System.Globalization;
using System.Text.Json;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.Classify;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class SweepRunnerTests
{
    public SweepRunnerTests() => NativeLoader.EnsureLoaded();

    /// <summary>A 2-member fit1d sweep over seeds: 8 hidden units, 20 steps.</summary>
    private static SweepSpec TinySweep(string seeds = "[0, 1]")
    {
        var json = ConfigJson.Set(ConfigJson.Minimal, "name", "\"tiny\"");
        json = ConfigJson.Set(json, "training.steps", "20");
        json = ConfigJson.Set(json, "probe.every", "5");
        json = ConfigJson.Set(json, "sweep", $$"""{ "values": { "seed": {{seeds}} } }""");
        return SweepSpec.Parse(json, "tiny.json");
    }

    private static List<string[]> ReadCsv(string path) =>
        [.. File.ReadAllLines(path).Select(line => line.Split(','))];

    [Fact]
    public void SweepCsvHoldsEachMembersSummaryValuesAndTheReportIsBuilt()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var spec = TinySweep();
            var result = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = dir }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);

            var rows = ReadCsv(Path.Combine(dir, SweepRunner.TableFile));
            // highFrequencyEnergy is read by name from summary.json like the others.
            Assert.Equal(["member", "status", "wallSeconds", "seed", "finalTrainLoss", "finalTestLoss", "highFrequencyEnergy"], rows[0].Where(c => c != "spectralBiasIndex"));
            Assert.Equal(3, rows.Count);
            for (var i = 0; i < 2; i++)
            {
                var row = rows[0].Zip(rows[i + 1]).ToDictionary(p => p.First, p => p.Second);
                Assert.Equal($"tiny-00{i}", row["member"]);
                Assert.Equal("finished", row["status"]);
                Assert.Equal(i.ToString(CultureInfo.InvariantCulture), row["seed"]);
                var memberDir = Path.Combine(dir, row["member"]);
                Assert.Equal(i, RunFolder.ReadManifest(memberDir).Seed);
                using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(memberDir, "summary.json")));
                foreach (var metric in new[] { "finalTrainLoss", "finalTestLoss", "spectralBiasIndex", "highFrequencyEnergy" })
                {
                    if (!row.TryGetValue(metric, out var cell)) continue;
                    var value = summary.RootElement.GetProperty(metric);
                    if (value.ValueKind == JsonValueKind.Null) Assert.Equal("", cell);
                    else Assert.Equal(value.GetDouble(), CsvFormat.ParseDouble(cell, "sweep.csv", i + 2, metric));
                }

                Assert.True(File.Exists(Path.Combine(memberDir, "report.html")));
            }

            // The two seeds give two different networks.
            Assert.NotEqual(rows[1][rows[0].ToList().IndexOf("finalTrainLoss")], rows[2][rows[0].ToList().IndexOf("finalTrainLoss")]);

            var manifest = SweepRunner.ReadManifest(dir);
            Assert.Equal(["tiny-000", "tiny-001"], manifest.Members.Select(m => m.Name));
            Assert.All(manifest.Members, m => Assert.Equal(RunStatus.Finished, m.Status));
            Assert.Equal(["seed"], manifest.Keys);
            Assert.Contains("finalTrainLoss", manifest.Metrics);

            var html = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.Contains("tiny-000/report.html", html);
            Assert.Contains("2 of 2 members finished", html);
            Assert.True(File.Exists(Path.Combine(dir, "plots", "sweep-finalTrainLoss.png")));

            // freqscope report detects the sweep folder and rebuilds the sweep report from sweep.json alone.
            File.Delete(Path.Combine(dir, "report.html"));
            Directory.Delete(Path.Combine(dir, "plots"), true);
            var rebuilt = RunReport.Build(dir);
            Assert.Equal(Path.Combine(dir, "report.html"), rebuilt.ReportPath);
            Assert.True(rebuilt.Finished);
            Assert.Contains(rebuilt.Plots, p => p.Name == "sweep-finalTrainLoss");
            Assert.All(rebuilt.AllPaths, p => Assert.True(File.Exists(p), p));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AnInterruptedSweepResumesAndSkipsFinishedMembers()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var spec = TinySweep("[0, 1, 2]");
            using var cts = new CancellationTokenSource();
            var first = SweepRunner.Run(spec, new SweepRunOptions
            {
                OutputDirectory = dir,
                BuildReport = false,
                Ensemble = false, // member by member: ensembles are tested in FitEnsembleExperimentTests
                OnMemberDone = (m, _) => { if (m.Index == 0) cts.Cancel(); },
            }, cts.Token);
            Assert.Equal(RunStatus.Interrupted, first.Status);
            var afterStop = SweepRunner.ReadManifest(dir);
            Assert.Equal([RunStatus.Finished, SweepRunner.Pending, SweepRunner.Pending], afterStop.Members.Select(m => m.Status));
            Assert.False(Directory.Exists(Path.Combine(dir, "tiny-001")));

            // A member stopped half-way: member 1 is run and interrupted by its own cancellation.
            using var stopSecond = new CancellationTokenSource();
            var second = SweepRunner.Run(spec, new SweepRunOptions
            {
                OutputDirectory = dir,
                BuildReport = false,
                Ensemble = false, // member by member: ensembles are tested in FitEnsembleExperimentTests
                OnProgress = (m, fraction, _) => { if (m.Index == 1 && fraction >= 0.5) stopSecond.Cancel(); },
            }, stopSecond.Token);
            Assert.Equal(RunStatus.Interrupted, second.Status);
            Assert.Equal(RunStatus.Interrupted, RunFolder.ReadManifest(Path.Combine(dir, "tiny-001")).Status);

            var finishedSummary = Path.Combine(dir, "tiny-000", "summary.json");
            var marker = Path.Combine(dir, "tiny-000", "marker.txt");
            File.WriteAllText(marker, "untouched");
            var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(finishedSummary, stamp);
            var summaryText = File.ReadAllText(finishedSummary);

            var actions = new List<string>();
            var third = SweepRunner.Run(spec, new SweepRunOptions
            {
                OutputDirectory = dir,
                BuildReport = false,
                Ensemble = false, // member by member: ensembles are tested in FitEnsembleExperimentTests
                OnMemberStart = (m, action) => actions.Add($"{m.Name}:{action}"),
            }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, third.Status);
            Assert.Equal(["tiny-000:skip", "tiny-001:resume", "tiny-002:run"], actions);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(finishedSummary));
            Assert.Equal(summaryText, File.ReadAllText(finishedSummary));
            Assert.Equal("untouched", File.ReadAllText(marker));
            var resumed = RunFolder.ReadManifest(Path.Combine(dir, "tiny-001"));
            Assert.True(resumed.Finished);
            Assert.NotEmpty(resumed.ResumedFrom);
            Assert.All(third.Manifest.Members, m => Assert.Equal(RunStatus.Finished, m.Status));
            Assert.All(third.Manifest.Members, m => Assert.NotNull(m.Metrics["finalTrainLoss"]));
            Assert.Equal(4, ReadCsv(Path.Combine(dir, SweepRunner.TableFile)).Count);

            // The folder can only continue the same sweep.
            var other = Assert.Throws<InvalidOperationException>(() => SweepRunner.Run(TinySweep("[5, 6]"), new SweepRunOptions { OutputDirectory = dir, BuildReport = false }, TestContext.Current.CancellationToken));
            Assert.Contains("holds a different sweep config", other.Message);

            // LoadFolder gives the sweep back from sweep.json.
            var (again, options) = SweepRunner.LoadFolder(dir);
            Assert.Equal(spec.Members.Select(m => m.Label), again.Members.Select(m => m.Label));
            Assert.False(options.Smoke);
            Assert.Null(options.Device);
            Assert.Equal(dir, options.OutputDirectory);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AFailedMemberIsRecordedAndTheOthersStillRun()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var json = ConfigJson.Set(ConfigJson.Minimal, "name", "\"csv\"");
            json = ConfigJson.Set(json, "training.steps", "10");
            json = ConfigJson.Set(json, "sweep", """{ "mode": "zip", "values": { "target": [{ "kind": "csv", "csvPath": "missing.csv" }, { "kind": "sinusoids", "terms": [{ "frequency": 2 }] }] } }""");
            var spec = SweepSpec.Parse(json, "csv.json");
            var result = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = Path.Combine(dir, "out"), ConfigDirectory = dir, BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.Equal(RunStatus.Failed, result.Manifest.Members[0].Status);
            Assert.Contains("missing.csv", result.Manifest.Members[0].Error);
            Assert.Equal(RunStatus.Finished, result.Manifest.Members[1].Status);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AParitySweepRunsAndReadsItsMetrics()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var parity = ConfigLoader.ToJsonAny(ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, "parity-10.json")));
            var spec = SweepSpec.Parse(ConfigJson.Set(parity, "sweep", """{ "values": { "seed": [0, 1] } }"""), "parity-sweep.json");
            var result = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = dir, Smoke = true, BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);
            foreach (var member in result.Manifest.Members)
            {
                using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, member.Name, "summary.json")));
                Assert.Equal(summary.RootElement.GetProperty("testAccuracy").GetDouble(), member.Metrics["testAccuracy"]);
                Assert.Equal(summary.RootElement.GetProperty("finalTrainLoss").GetDouble(), member.Metrics["finalTrainLoss"]);
            }

            Assert.Contains("testAccuracy", result.Manifest.Metrics);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TheExampleSweepRunsInSmokeMode()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var spec = SweepSpec.LoadFile(Path.Combine(RepoPaths.Experiments, "sweep-seeds-1d.json"));
            var result = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = dir, Smoke = true, BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);
            Assert.True(result.Manifest.Smoke);
            Assert.Equal(spec.Members.Count, result.Manifest.Members.Count);
            foreach (var member in spec.Members)
            {
                var manifest = RunFolder.ReadManifest(Path.Combine(dir, member.Name));
                Assert.True(manifest.Finished && manifest.Smoke);
                Assert.Equal(FitExperiment.Smoke((FitExperimentConfig)member.Config).Training.Steps, manifest.StepsCompleted);
            }

            Assert.All(result.Manifest.Members, m => Assert.True(double.IsFinite(m.Metrics["finalTestLoss"]!.Value)));
            Assert.Equal(spec.Members.Count + 1, File.ReadAllLines(Path.Combine(dir, SweepRunner.TableFile)).Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    public static TheoryData<string> SweepFiles() =>
        new(Directory.GetFiles(RepoPaths.Experiments, "*.json").Where(SweepSpec.IsSweepFile).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(SweepFiles))]
    public void EverySweepFileRunsInSmokeMode(string file)
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var spec = SweepSpec.LoadFile(Path.Combine(RepoPaths.Experiments, file));
            string? data = null;
            if (spec.Members[0].Config is ClassifyExperimentConfig classify)
            {
                // Small generated images in the real IDX or CIFAR-10 format stand in for the dataset.
                data = Path.Combine(dir, "images");
                if (classify.Data.Dataset == "cifar10") SyntheticImages.WriteCifar(data, trainPerBatch: 120, testCount: ClassifyExperiment.SmokeTestCount);
                else SyntheticImages.WriteIdx(data, trainCount: ClassifyExperiment.SmokeTrainCount, testCount: ClassifyExperiment.SmokeTestCount);
            }

            var result = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = Path.Combine(dir, "sweep"), Smoke = true, Data = data, BuildReport = false },
                TestContext.Current.CancellationToken);
            Assert.Equal(spec.Members.Count, result.Manifest.Members.Count);
            Assert.All(result.Manifest.Members, m => Assert.True(m.Status == RunStatus.Finished, $"{m.Name}: {m.Status} {m.Error}"));
            Assert.NotEmpty(result.Manifest.Metrics);
            if (data is not null) Assert.Equal(Path.GetFullPath(data), SweepRunner.ReadManifest(Path.Combine(dir, "sweep")).Data);
            if (spec.Members[0].Config is ClassifyExperimentConfig { Probe.Filtering: not null })
                Assert.Contains("filtering.deltas[0].lowFrequencyRatio", result.Manifest.Metrics);
            // Every metric equals the value at its path in the member's summary.json, walked here independently.
            foreach (var member in result.Manifest.Members)
            {
                var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "sweep", member.Name, "summary.json")))!;
                foreach (var (path, value) in member.Metrics)
                {
                    System.Text.Json.Nodes.JsonNode? node = summary;
                    foreach (var part in path.Split('.'))
                    {
                        int bracket = part.IndexOf('[');
                        node = bracket < 0 ? node?[part] : node?[part[..bracket]]?[int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
                    }
                    double? expected = node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
                    Assert.True(Equals(expected, value), $"{member.Name} {path}: table {value}, summary {expected}");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
