using FreqScope.Core.Runs;
using FreqScope.Cli;
using FreqScope.Experiments;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.Classify;
using FreqScope.Experiments.Poisson;
using FreqScope.Experiments.Ntk;
using FreqScope.Experiments.Parity;

namespace FreqScope.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class CliAppTests
{
    private static (int Code, string Output) Cli(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void SmokeRunOfTheDefaultWritesACompleteRun()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var (code, output) = Cli("run", "--smoke", "--out", run, "--seed", "3");
            Assert.True(code == CliApp.ExitOk, output);
            var verdict = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json"))).RootElement.GetProperty("verdict").GetString()!;
            Assert.Contains(verdict, output.ReplaceLineEndings(""));
            var config = FitExperiment.LoadFile(Path.Combine(run, "config.json"));
            Assert.Equal(FitExperiment.Smoke(FitExperiment.LoadDefault()) with { Seed = 3 }, config, new ConfigJsonComparer());
            var manifest = RunFolder.ReadManifest(run);
            Assert.True(manifest.Finished && manifest.Smoke);
            Assert.Equal(3, manifest.Seed);
            Assert.True(File.Exists(Path.Combine(run, "report.html")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(new[] { "run", "--steps", "0" }, "--steps 0")]
    [InlineData(new[] { "run", "--device", "gpu" }, "gpu")]
    [InlineData(new[] { "run", "--seed", "abc" }, "abc")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "report", "/nonexistent/run-folder" }, "/nonexistent/run-folder")]
    [InlineData(new[] { "run", "/nonexistent/config.json" }, "/nonexistent/config.json")]
    [InlineData(new[] { "run", "--resume", "/nonexistent/run" }, "/nonexistent/run")]
    [InlineData(new[] { "run", "--epochs", "0" }, "--epochs 0")]
    [InlineData(new[] { "run", "--epochs", "3" }, "--epochs applies to classify experiments")]
    [InlineData(new[] { "run", "--data", "/tmp" }, "--data applies to classify experiments")]
    public void BadArgumentsGiveAUsageErrorNamingTheValue(string[] args, string named)
    {
        var (code, output) = Cli(args);
        Assert.Equal(CliApp.ExitUsage, code);
        Assert.Contains("error", output);
        Assert.Contains(named, output);
    }

    [Fact]
    public void ABadConfigNamesTheJsonPathAndLeavesNoRunFolder()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var cfg = Path.Combine(dir, "bad.json");
            var text = FitExperiment.ToJson(FitExperiment.LoadDefault()).Replace("\"hidden\"", "\"hiden\"");
            File.WriteAllText(cfg, text);
            var run = Path.Combine(dir, "run");
            var (code, output) = Cli("run", cfg, "--out", run);
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("$.model.hiden", output);
            Assert.False(Directory.Exists(run));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void InfoReportsVersionsAndTheLoadingPath()
    {
        var (code, output) = Cli("info");
        Assert.Equal(CliApp.ExitOk, code);
        Assert.Contains("0.107.0", output);
        Assert.Contains(FreqScope.Native.NativeLoader.EnsureLoaded().Path, output);
        Assert.Contains(TorchSharp.torch.get_num_threads().ToString(), output);
    }

    [Fact]
    public void NtkSmokeRunWritesACompleteRunWithStepsAndSeedAppliedAndPrintsTheDiscrepancy()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var config = Path.Combine(RepoPaths.Experiments, "ntk-linearised-vs-training.json");
            var (code, output) = Cli("run", config, "--smoke", "--out", run, "--steps", "30", "--seed", "2");
            Assert.True(code == CliApp.ExitOk, output);
            var written = (NtkExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(run, "config.json"));
            var file = (NtkExperimentConfig)ConfigLoader.LoadAnyFile(config);
            var expected = NtkExperiment.Smoke(file with { Seed = 2, Training = file.Training with { Steps = 30 } });
            Assert.Equal(expected, written);
            Assert.Equal(30, written.Training.Steps);
            Assert.Contains("final discrepancy ‖f − f_lin‖ / ‖y − f₀‖ = ", output);
            Assert.Contains("kernel drift", output);
            Assert.True(File.Exists(Path.Combine(run, "plots", "projections.png")));

            var (epochsCode, epochsOutput) = Cli("run", config, "--epochs", "3", "--out", Path.Combine(dir, "epochs"));
            Assert.Equal(CliApp.ExitUsage, epochsCode);
            Assert.Contains("--epochs applies to classify experiments; \"ntk-linearised-vs-training\" is an ntk experiment", epochsOutput);
            var (dataCode, dataOutput) = Cli("run", config, "--data", dir, "--out", Path.Combine(dir, "data"));
            Assert.Equal(CliApp.ExitUsage, dataCode);
            Assert.Contains("--data applies to classify experiments", dataOutput);
            Assert.False(Directory.Exists(Path.Combine(dir, "epochs")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ParitySmokeRunWritesACompleteRunWithStepsAndSeedAppliedAndPrintsTheAccuracies()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var config = Path.Combine(RepoPaths.Experiments, "parity-10.json");
            var (code, output) = Cli("run", config, "--smoke", "--out", run, "--steps", "40", "--seed", "2");
            Assert.True(code == CliApp.ExitOk, output);
            var written = (ParityExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(run, "config.json"));
            var file = (ParityExperimentConfig)ConfigLoader.LoadAnyFile(config);
            var expected = ParityExperiment.Smoke(file with { Seed = 2, Training = file.Training with { Steps = 40 } });
            Assert.Equal(expected, written);
            Assert.Equal((40L, 31, 16), (written.Training.Steps, written.Probe.Radii, written.Probe.Directions));
            var verdict = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json"))).RootElement.GetProperty("verdict").GetString()!;
            Assert.StartsWith("Training accuracy ", verdict);
            Assert.Contains(verdict, output.ReplaceLineEndings(""));
            Assert.True(File.Exists(Path.Combine(run, "plots", "radial-spectra.png")));

            var (epochsCode, epochsOutput) = Cli("run", config, "--epochs", "3", "--out", Path.Combine(dir, "epochs"));
            Assert.Equal(CliApp.ExitUsage, epochsCode);
            Assert.Contains("--epochs applies to classify experiments; \"parity-10\" is a parity experiment", epochsOutput);
            Assert.False(Directory.Exists(Path.Combine(dir, "epochs")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void PoissonSmokeRunWritesACompleteRunWithStepsAndSeedApplied()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var config = Path.Combine(RepoPaths.Experiments, "poisson-1d-hybrid.json");
            var (code, output) = Cli("run", config, "--smoke", "--out", run, "--steps", "2000", "--seed", "2");
            Assert.True(code == CliApp.ExitOk, output);
            var written = (PoissonExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(run, "config.json"));
            var expected = PoissonExperiment.Smoke((PoissonExperimentConfig)ConfigLoader.LoadAnyFile(config) with { Seed = 2 });
            Assert.Equal(expected, written);
            Assert.Equal(60, written.Network!.Steps);
            var verdict = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json"))).RootElement.GetProperty("verdict").GetString()!;
            Assert.Contains(verdict, output.ReplaceLineEndings(""));
            Assert.True(File.Exists(Path.Combine(run, "plots", "mode-heatmaps.png")));

            var (epochsCode, epochsOutput) = Cli("run", config, "--epochs", "3", "--out", Path.Combine(dir, "epochs"));
            Assert.Equal(CliApp.ExitUsage, epochsCode);
            Assert.Contains("--epochs applies to classify experiments", epochsOutput);
            var (early, earlyOutput) = Cli("run", config, "--steps", "100", "--out", Path.Combine(dir, "early"));
            Assert.Equal(CliApp.ExitUsage, early);
            Assert.Contains("--steps 100 is before the last hybrid handover step 2000", earlyOutput);
            Assert.False(Directory.Exists(Path.Combine(dir, "early")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ClassifySmokeRunWithDataFolderWritesACompleteRunAndItsReportRebuilds()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var data = Path.Combine(dir, "data");
            SyntheticImages.WriteIdx(data, trainCount: 600, testCount: 200);
            var run = Path.Combine(dir, "run");
            var config = Path.Combine(RepoPaths.Experiments, "fashion-mnist-mlp-filtering.json");
            var (code, output) = Cli("run", config, "--smoke", "--data", data, "--out", run, "--epochs", "1", "--seed", "5");
            Assert.True(code == CliApp.ExitOk, output);
            var written = (ClassifyExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(run, "config.json"));
            Assert.Equal(Path.GetFullPath(data), written.Data.Dir);
            Assert.Equal((1, 5L), (written.Training.Epochs, written.Seed));
            Assert.Equal(ClassifyExperiment.SmokeTrainCount, written.Data.Train.Count);
            var verdict = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json"))).RootElement.GetProperty("verdict").GetString()!;
            Assert.Contains(verdict, output.ReplaceLineEndings(""));

            File.Delete(Path.Combine(run, "report.html"));
            var (reportCode, reportOutput) = Cli("report", run);
            Assert.True(reportCode == CliApp.ExitOk, reportOutput);
            Assert.Contains(verdict, File.ReadAllText(Path.Combine(run, "report.html")));

            var (stepsCode, stepsOutput) = Cli("run", config, "--steps", "10", "--data", data, "--out", Path.Combine(dir, "steps"));
            Assert.Equal(CliApp.ExitUsage, stepsCode);
            Assert.Contains("--steps applies to fit1d, poisson", stepsOutput);
            Assert.False(Directory.Exists(Path.Combine(dir, "steps")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ACorruptDatasetFileIsAnErrorNamingTheFileAndLeavesNoRunFolder()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var data = Path.Combine(dir, "data");
            SyntheticImages.WriteIdx(data, trainCount: 100, testCount: 20);
            var labels = Path.Combine(data, "t10k-labels-idx1-ubyte");
            File.WriteAllBytes(labels, File.ReadAllBytes(labels)[..^5]); // truncated
            var run = Path.Combine(dir, "run");
            var (code, output) = Cli("run", Path.Combine(RepoPaths.Experiments, "mnist-mlp-projection.json"), "--smoke", "--data", data, "--out", run);
            Assert.Equal(CliApp.ExitError, code);
            Assert.Contains("t10k-labels-idx1-ubyte", output);
            Assert.False(Directory.Exists(run));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
    private static string WriteSweep(string dir, string rawSweep)
    {
        var json = FreqScope.Tests.Experiments.ConfigJson.Set(FreqScope.Tests.Experiments.ConfigJson.Minimal, "name", "\"cli\"");
        json = FreqScope.Tests.Experiments.ConfigJson.Set(json, "training.steps", "400");
        json = FreqScope.Tests.Experiments.ConfigJson.Set(json, "sweep", rawSweep);
        var path = Path.Combine(dir, "sweep.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void RunOnASweepConfigSaysToUseSweep()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var cfg = WriteSweep(dir, """{ "values": { "seed": [0, 1] } }""");
            var (code, output) = Cli("run", cfg, "--out", Path.Combine(dir, "run"));
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("this config is a sweep; run it with freqscope sweep", output);
            Assert.False(Directory.Exists(Path.Combine(dir, "run")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ABadSweepSpecIsAUsageErrorNamingItsPathAndNothingRuns()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var cfg = WriteSweep(dir, """{ "values": { "seed": [0, 1], "training.learningRate": [] } }""");
            var (code, output) = Cli("sweep", cfg, "--out", Path.Combine(dir, "out"));
            Assert.Equal(CliApp.ExitUsage, code);
            Assert.Contains("$.sweep.values['training.learningRate']: is an empty list", output);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));

            var plain = Path.Combine(dir, "plain.json");
            File.WriteAllText(plain, FreqScope.Tests.Experiments.ConfigJson.Minimal);
            var (plainCode, plainOutput) = Cli("sweep", plain);
            Assert.Equal(CliApp.ExitUsage, plainCode);
            Assert.Contains("no \"sweep\" key; run it with freqscope run", plainOutput);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SmokeSweepRunsEveryMemberThenResumeSkipsThemAndReportRebuilds()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var cfg = WriteSweep(dir, """{ "values": { "seed": [3, 4] } }""");
            var outDir = Path.Combine(dir, "out");
            var (code, output) = Cli("sweep", cfg, "--smoke", "--out", outDir);
            Assert.True(code == CliApp.ExitOk, output);
            Assert.True(output.Contains("cli-000 seed=3", StringComparison.Ordinal), output);
            Assert.True(output.Contains("cli-001 seed=4", StringComparison.Ordinal), output);
            Assert.Contains(Path.Combine(outDir, "sweep.csv"), output.ReplaceLineEndings(""));
            foreach (var (member, seed) in new[] { ("cli-000", 3L), ("cli-001", 4L) })
            {
                var manifest = RunFolder.ReadManifest(Path.Combine(outDir, member));
                Assert.True(manifest.Finished && manifest.Smoke);
                Assert.Equal(seed, manifest.Seed);
                Assert.Equal(50, manifest.StepsCompleted);
            }

            Assert.Equal(3, File.ReadAllLines(Path.Combine(outDir, "sweep.csv")).Length);
            Assert.True(File.Exists(Path.Combine(outDir, "report.html")));

            var (resumeCode, resumeOutput) = Cli("sweep", "--resume", outDir);
            Assert.True(resumeCode == CliApp.ExitOk, resumeOutput);
            Assert.Contains("cli-000 seed=3  finished (skipped: finished before)", resumeOutput);
            Assert.Contains("cli-001 seed=4  finished (skipped: finished before)", resumeOutput);

            var (againCode, againOutput) = Cli("sweep", "--resume", outDir, "--smoke");
            Assert.Equal(CliApp.ExitUsage, againCode);
            Assert.Contains("--resume continues a sweep", againOutput);

            File.Delete(Path.Combine(outDir, "report.html"));
            var (reportCode, reportOutput) = Cli("report", outDir);
            Assert.True(reportCode == CliApp.ExitOk, reportOutput);
            Assert.Contains("FreqScope sweep: cli", File.ReadAllText(Path.Combine(outDir, "report.html")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
