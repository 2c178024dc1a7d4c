using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Experiments.Fit1d;
using FreqScope.Native;
using FreqScope.Core;
using FreqScope.Sweeps;
using FreqScope.Tests.Sweeps;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Core;

/// <summary>Training whose loss stops being a finite number ends as <c>diverged</c>, never as an ordinary finished run.</summary>
[Collection(TorchCollection.Name)]
public sealed class DivergenceTests
{
    public DivergenceTests() => NativeLoader.EnsureLoaded();

    [Theory]
    [InlineData(1.0, 2.0, null)]
    [InlineData(double.NaN, 2.0, "trainLoss is NaN")]
    [InlineData(1.0, double.PositiveInfinity, "testLoss is +∞")]
    [InlineData(1.0, double.NegativeInfinity, "testLoss is −∞")]
    public void AProbeDivergesAtTheFirstNonFiniteLoss(double train, double test, string? expected)
    {
        var progress = new RunProgress(10, 100, 0.1, TimeSpan.Zero, new Dictionary<string, double> { ["trainLoss"] = train, ["testLoss"] = test });
        Assert.Equal(expected, progress.Divergence);
    }

    [Fact]
    public void AnInfinitePsnrIsAPerfectFitNotADivergence()
    {
        var progress = new RunProgress(10, 100, 0.1, TimeSpan.Zero, new Dictionary<string, double> { ["trainPsnr"] = double.PositiveInfinity });
        Assert.Null(progress.Divergence);
        Assert.Equal("testPsnr is NaN", (progress with { Values = new Dictionary<string, double> { ["testPsnr"] = double.NaN } }).Divergence);
    }

    private static FitExperimentConfig Exploding() => FitExperiment.LoadDefault() with
    {
        Model = FitExperiment.LoadDefault().Model with { Hidden = [16] },
        Training = FitExperiment.LoadDefault().Training with { Steps = 200, Optimizer = OptimizerKind.Sgd, LearningRate = 1e6, CheckpointEvery = 50 },
        Probe = FitExperiment.LoadDefault().Probe with { Every = 10 },
    };

    [Fact]
    public void ARunWhoseLossBecomesNaNStopsAsDivergedWithItsDataAndSaysSo()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var result = FitExperiment.Run(Exploding(), new RunOptions { RunDirectory = run }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Diverged, result.Status);
            var manifest = RunFolder.ReadManifest(run);
            Assert.Equal(RunStatus.Diverged, manifest.Status);
            Assert.False(manifest.Finished);
            Assert.Equal(10, manifest.StepsCompleted);
            Assert.Equal("training diverged at step 10: trainLoss is NaN", manifest.Error);
            Assert.Equal(["step,train_loss,test_loss", "0", "10"], File.ReadAllLines(Path.Combine(run, "metrics.csv")).Select((l, i) => i == 0 ? l : l.Split(',')[0]));
            Assert.False(result.Summary!.Finished);

            // The report says so first, and the folder is not resumable.
            var html = File.ReadAllText(Path.Combine(run, RunFolder.ReportFile));
            Assert.StartsWith("DIVERGED RUN: training stopped at a loss that is not a finite number (10 of 200 steps)", System.Text.RegularExpressions.Regex.Match(html, "<div class=\"banner\" id=\"unfinished\">([^<]*)</div>").Groups[1].Value, StringComparison.Ordinal);
            Assert.True(html.IndexOf("DIVERGED RUN", StringComparison.Ordinal) < html.IndexOf("id=\"verdict\"", StringComparison.Ordinal));
            var (code, output) = CliRunner.Run("run", "--resume", run);
            Assert.Equal(CliApp.ExitError, code);
            Assert.Contains($"error: cannot resume {run}: training diverged at step 10: trainLoss is NaN; change the config", output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ASweepListsItsDivergedMembersAsSuchAndKeepsThemOnResume()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = Path.Combine(dir, "lr.json");
            File.WriteAllText(config, """
                { "name": "lr", "device": "cpu",
                  "target": { "kind": "sinusoids", "terms": [ { "frequency": 1 } ] },
                  "data": { "domain": [0, 1], "train": { "count": 101 } },
                  "model": { "hidden": [8] },
                  "training": { "optimizer": "sgd", "steps": 40, "checkpointEvery": 100 },
                  "probe": { "every": 10 },
                  "sweep": { "values": { "training.learningRate": [0.01, 1e6] } } }
                """);
            var sweepDir = Path.Combine(dir, "sweep");
            var (code, output) = SweepBackendTests.Cli("sweep", config, "--out", sweepDir, "--no-report", "--no-ensemble");
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("1 of 2 members diverged: lr-001", output);
            var members = SweepRunner.ReadManifest(sweepDir).Members;
            Assert.Equal([RunStatus.Finished, RunStatus.Diverged], members.Select(m => m.Status));
            Assert.Equal("training diverged at step 10: trainLoss is NaN", members[1].Error);
            Assert.Equal(["finished", "diverged"], SweepBackendTests.ReadTable(sweepDir).Values.Select(r => r.Status));

            (code, output) = SweepBackendTests.Cli("sweep", "--resume", sweepDir, "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("lr-001 training.learningRate=1e6  diverged (skipped: diverged before) training diverged at step 10: trainLoss is NaN", output);
            Assert.Contains("lr-000 training.learningRate=0.01  finished (skipped: finished before)", output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>A two-member lr sweep as ensembles train it (the same depth, only the learning rate differs).</summary>
    internal static string WriteLrSweep(string dir, string name, string rates, int steps = 40, int checkpointEvery = 20)
    {
        var config = Path.Combine(dir, name + ".json");
        File.WriteAllText(config, $$"""
            { "name": "{{name}}", "device": "cpu",
              "target": { "kind": "sinusoids", "terms": [ { "frequency": 1 } ] },
              "data": { "domain": [0, 1], "train": { "count": 101 } },
              "model": { "hidden": [8] },
              "training": { "optimizer": "sgd", "steps": {{steps}}, "checkpointEvery": {{checkpointEvery}} },
              "probe": { "every": 10 },
              "sweep": { "values": { "training.learningRate": [{{rates}}] } } }
            """);
        return config;
    }

    private static readonly string[] DataFiles = ["metrics.csv", "spectra.csv", "outputs.csv", "summary.json"];

    [Fact]
    public void AnEnsembleMemberThatDivergesStopsAloneAndTheOthersTrainOnUntouched()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var sweepDir = Path.Combine(dir, "sweep");
            var (code, output) = SweepBackendTests.Cli("sweep", WriteLrSweep(dir, "lr", "0.01, 1e6"), "--out", sweepDir, "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("1 of 2 members diverged: lr-001", output);
            var members = SweepRunner.ReadManifest(sweepDir).Members;
            Assert.Equal([RunStatus.Finished, RunStatus.Diverged], members.Select(m => m.Status));
            Assert.Equal("training diverged at step 10: trainLoss is NaN", members[1].Error);
            var diverged = RunFolder.ReadManifest(Path.Combine(sweepDir, "lr-001"));
            Assert.NotNull(diverged.Ensemble);
            Assert.Equal((RunStatus.Diverged, 10L, "training diverged at step 10: trainLoss is NaN"), (diverged.Status, diverged.StepsCompleted, diverged.Error));
            Assert.Equal(["0", "10"], File.ReadAllLines(Path.Combine(sweepDir, "lr-001", "metrics.csv")).Skip(1).Select(l => l.Split(',')[0]));
            Assert.Equal(40, RunFolder.ReadManifest(Path.Combine(sweepDir, "lr-000")).StepsCompleted);

            // The members' parameters are separate blocks: member 0 trains exactly as beside a partner that does not diverge.
            var calm = Path.Combine(dir, "calm");
            (code, output) = SweepBackendTests.Cli("sweep", WriteLrSweep(Directory.CreateDirectory(Path.Combine(dir, "calm-config")).FullName, "lr", "0.01, 0.02"), "--out", calm, "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            Assert.NotNull(RunFolder.ReadManifest(Path.Combine(calm, "lr-000")).Ensemble);
            foreach (var file in DataFiles)
                Assert.Equal(File.ReadAllBytes(Path.Combine(calm, "lr-000", file)), File.ReadAllBytes(Path.Combine(sweepDir, "lr-000", file)));

            output = Resumed(sweepDir);
            Assert.Contains("lr-001 training.learningRate=1e6  diverged (skipped: diverged before) training diverged at step 10: trainLoss is NaN", output);
            Assert.Contains("lr-000 training.learningRate=0.01  finished (skipped: finished before)", output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>The output of <c>sweep --resume</c> of <paramref name="sweepDir"/>, which must succeed.</summary>
    private static string Resumed(string sweepDir)
    {
        var (code, output) = SweepBackendTests.Cli("sweep", "--resume", sweepDir, "--no-report");
        Assert.True(code == CliApp.ExitOk, output);
        return output;
    }

    [Fact]
    public void AnEnsembleWhoseMembersAllDivergeStopsThereAndStaysDivergedOnResume()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var sweepDir = Path.Combine(dir, "sweep");
            var (code, output) = SweepBackendTests.Cli("sweep", WriteLrSweep(dir, "lr", "1e6, 1e7", steps: 2000, checkpointEvery: 1000), "--out", sweepDir, "--no-report");
            Assert.True(code == CliApp.ExitOk, output);
            Assert.Contains("2 of 2 members diverged", output);
            foreach (var member in new[] { "lr-000", "lr-001" })
            {
                var manifest = RunFolder.ReadManifest(Path.Combine(sweepDir, member));
                Assert.Equal(RunStatus.Diverged, manifest.Status);
                // The group stopped at the probe where the last member diverged, not at step 2000.
                Assert.True(manifest.StepsCompleted <= 100, $"{member}: {manifest.StepsCompleted} steps");
            }

            output = Resumed(sweepDir);
            Assert.Contains("lr-000 training.learningRate=1e6  diverged (skipped: diverged before)", output);
            Assert.Contains("lr-001 training.learningRate=1e7  diverged (skipped: diverged before)", output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void APoissonRunWhoseNetworkDivergesStopsAsDivergedAfterTheMethodsBeforeIt()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var (code, output) = CliRunner.Run("run", Path.Combine(RepoPaths.Experiments, "poisson-1d-hybrid.json"), "--smoke", "--out", run,
                "--set", "network.optimizer=sgd", "--set", "network.learningRate=1e30");
            Assert.True(code == CliApp.ExitError, output);
            const string why = "training diverged at step 2: the network's error is NaN at its training step 10";
            Assert.Contains("Diverged: " + why, output);
            var manifest = RunFolder.ReadManifest(run);
            Assert.Equal((RunStatus.Diverged, 2L, why), (manifest.Status, manifest.StepsCompleted, manifest.Error));

            // The methods before the network are complete; the network stops at the probe where its error became NaN,
            // and no hybrid starts from it.
            var rows = File.ReadAllLines(Path.Combine(run, "errors.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(["jacobi", "network"], rows.Select(r => r[0]).Distinct());
            Assert.Equal(["0", "10"], rows.Where(r => r[0] == "network").Select(r => r[1]));
            Assert.Equal("nan", rows[^1][3]);
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunFolder.SummaryFile)));
            Assert.False(summary.RootElement.GetProperty("finished").GetBoolean());
            Assert.Equal(["jacobi", "network"], summary.RootElement.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("method").GetString()));
            Assert.Equal(10, summary.RootElement.GetProperty("methods")[1].GetProperty("iterations").GetInt64());
            Assert.Contains("DIVERGED RUN: training stopped at a loss that is not a finite number (2 of 6 methods)", File.ReadAllText(Path.Combine(run, RunFolder.ReportFile)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
