using FreqScope.Cli;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.Poisson;
using FreqScope.Experiments.FourierFeatures;
using FreqScope.Experiments.Parity;

namespace FreqScope.Tests.Cli;

/// <summary><c>--set a.b=c</c>, the kinds' aliases and <c>--print-config</c>, against configs edited by hand.</summary>
[Collection(TorchCollection.Name)]
public sealed class OverrideTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Experiment(string file) => Path.Combine(RepoPaths.Experiments, file);

    /// <summary>What <c>--print-config</c> prints, read back as a config.</summary>
    private static IExperimentConfig Printed(params string[] args)
    {
        var (code, output) = CliRunner.Run(["run", .. args, "--print-config"]);
        Assert.True(code == CliApp.ExitOk, output);
        return ConfigLoader.ParseAny(output, "printed");
    }

    [Fact]
    public void PrintConfigPrintsTheResolvedConfigAndRunsNothing()
    {
        var file = (ParityExperimentConfig)ConfigLoader.LoadAnyFile(Experiment("parity-10.json"));
        var output = Path.Combine(_dir, "never");
        var (code, text) = CliRunner.Run("run", Experiment("parity-10.json"), "--set", "training.steps=200", "--print-config", "--out", output);
        Assert.True(code == CliApp.ExitOk, text);
        var expected = file with { Training = file.Training with { Steps = 200 } };
        Assert.Equal(ConfigLoader.ToJsonAny(expected) + "\n", text.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void SetValuesParseAsJsonElseAsStringsAndLaterOnesWin()
    {
        var config = (FitExperimentConfig)Printed(Experiment("fprinciple-1d.json"),
            "--set", "name=renamed", "--set", "model.hidden=[8, 16]", "--set", "training.steps=5", "--set", "training.steps=7");
        Assert.Equal("renamed", config.Name);
        Assert.Equal([8, 16], config.Model.Hidden);
        Assert.Equal(7, config.Training.Steps);
    }

    [Fact]
    public void AnAliasIsTheOverrideItStandsFor()
    {
        Assert.Equal(
            ConfigLoader.ToJsonAny(Printed(Experiment("fprinciple-1d.json"), "--set", "training.steps=30", "--set", "seed=9", "--set", "device=cpu")),
            ConfigLoader.ToJsonAny(Printed(Experiment("fprinciple-1d.json"), "--steps", "30", "--seed", "9", "--device", "cpu")));

        // fourier-features' --steps also brings probe.every down to the new step count, as it always did.
        var fourier = (FourierExperimentConfig)Printed(Experiment("ff-gaussian.json"), "--steps", "4");
        Assert.Equal((4L, 4L), (fourier.Training.Steps, fourier.Probe.Every));
        var poisson = (PoissonExperimentConfig)Printed(Experiment("poisson-1d-hybrid.json"), "--steps", "2500");
        Assert.Equal(2500, poisson.Network!.Steps);
    }

    [Theory]
    [InlineData("training.steps=0", "(--set training.steps=0): $.training.steps: 0 is out of range; expected an integer between 1 and 100000000")]
    [InlineData("training.stepz=3", "(--set training.stepz=3): $.training.stepz: unknown key; allowed keys: ")]
    [InlineData("model.hidden=wide", "(--set model.hidden=wide): $.model.hidden: ")]
    [InlineData("training.steps.x=3", "(--set training.steps.x=3): $.training.steps: is 300, not an object, so training.steps.x cannot be set")]
    [InlineData("training", "--set \"training\": expected KEY=VALUE")]
    [InlineData("a..b=1", "--set \"a..b=1\": \"a..b\" is not a dotted path")]
    public void ABadOverrideIsAUsageErrorNamingTheOverrideAndThePath(string assignment, string expected)
    {
        var (code, output) = CliRunner.Run("run", Experiment("parity-10.json"), "--set", assignment, "--out", Path.Combine(_dir, "bad"));
        Assert.Equal(CliApp.ExitUsage, code);
        Assert.Contains(expected, output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "bad")));
    }

    [Fact]
    public void TheManifestRecordsTheOverridesAndAResumeKeepsThem()
    {
        var run = Path.Combine(_dir, "run");
        var (code, output) = CliRunner.Run("run", "--smoke", "--no-report", "--out", run, "--set", "training.steps=12", "--seed", "4");
        Assert.True(code == CliApp.ExitOk, output);
        var manifest = RunFolder.ReadManifest(run);
        Assert.Equal(["training.steps=12", "seed=4"], manifest.Overrides!);
        var written = FitExperiment.LoadFile(Path.Combine(run, "config.json"));
        Assert.Equal((12L, 4L), (written.Training.Steps, written.Seed));
    }

    [Fact]
    public void ASweepTakesSetOverridesBeforeItIsExpanded()
    {
        var output = Path.Combine(_dir, "sweep");
        var (code, text) = CliRunner.Run("sweep", Experiment("sweep-seeds-1d.json"), "--smoke", "--no-report", "--out", output, "--set", "training.steps=6");
        Assert.True(code == CliApp.ExitOk, text);
        var members = Directory.GetDirectories(output).Where(d => File.Exists(Path.Combine(d, "config.json"))).ToList();
        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.Equal(6, FitExperiment.LoadFile(Path.Combine(m, "config.json")).Training.Steps));

        var (bad, badText) = CliRunner.Run("sweep", Experiment("sweep-seeds-1d.json"), "--out", Path.Combine(_dir, "bad"), "--set", "training.steps=-1");
        Assert.Equal(CliApp.ExitUsage, bad);
        Assert.Contains("sweep-seeds-1d.json (--set training.steps=-1)", badText);
    }

    [Fact]
    public void OverridesCompose()
    {
        var overrides = new[] { ConfigOverride.Parse("a.b=1"), new ConfigOverride("a.c", "x", "--c x"), new ConfigOverride("a.d", "2", "--c x") };
        Assert.Equal("{\"a\":{\"b\":1,\"c\":\"x\",\"d\":2}}", ConfigOverrides.Apply("{}", "s", overrides));
        Assert.Equal("s (--set a.b=1, --c x)", ConfigOverrides.SourceOf("s", overrides));
    }
}
