using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.Ntk;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Experiments;

public sealed class SweepSpecTests
{
    private static string Sweep(string rawSweep, string? json = null) => ConfigJson.Set(json ?? ConfigJson.Minimal, "sweep", rawSweep);

    [Fact]
    public void AGridExpandsRowMajorWithTheLastKeyFastest()
    {
        var spec = SweepSpec.Parse(Sweep("""{ "values": { "seed": [0, 1], "training.weightDecay": [0, 0.1, 0.2] } }"""), "grid.json");
        Assert.Equal(SweepModes.Grid, spec.Mode);
        Assert.Equal(6, spec.Members.Count);
        double[] decays = [0, 0.1, 0.2];
        for (var i = 0; i < 6; i++)
        {
            var member = spec.Members[i];
            var config = Assert.IsType<FitExperimentConfig>(member.Config);
            Assert.Equal(i, member.Index);
            Assert.Equal($"fit1d-{i:D3}", member.Name);
            Assert.Equal(member.Name, config.Name);
            Assert.Equal(i / 3, config.Seed);
            Assert.Equal(decays[i % 3], config.Training.WeightDecay);
            Assert.Equal([new("seed", (i / 3).ToString()), new("training.weightDecay", i % 3 == 0 ? "0" : decays[i % 3].ToString(System.Globalization.CultureInfo.InvariantCulture))], member.Assignment);
        }

        Assert.Equal("seed=1,training.weightDecay=0.1", spec.Members[4].Label);
        Assert.Equal(["seed", "training.weightDecay"], spec.Axes.Select(a => a.Path));
        Assert.Equal("fit1d", spec.Name);
        Assert.Equal(FitExperimentConfig.Fit1d, spec.Experiment);
    }

    [Fact]
    public void ANestedPathIsCreatedWhenTheConfigLacksIt()
    {
        var json = Sweep("""
            { "values": { "model.weightInit.distribution": ["normal"], "model.weightInit.scale.m": [200], "model.weightInit.scale.t": [0.5, 1] } }
            """, ConfigJson.Set(ConfigJson.Minimal, "name", "\"init\""));
        var spec = SweepSpec.Parse(json, "nested.json");
        Assert.Equal(2, spec.Members.Count);
        var inits = spec.Members.Select(m => ((FitExperimentConfig)m.Config).Model.WeightInit).ToList();
        Assert.All(inits, w => Assert.Equal(InitDistribution.Normal, w.Distribution));
        Assert.All(inits, w => Assert.Equal(200, w.ScaleM));
        Assert.Equal([0.5, 1.0], inits.Select(w => w.ScaleT!.Value));
        Assert.Equal(["init-000", "init-001"], spec.Members.Select(m => m.Name));
        Assert.Equal("model.weightInit.distribution=normal,model.weightInit.scale.m=200,model.weightInit.scale.t=1", spec.Members[1].Label);
    }

    [Fact]
    public void ZipAdvancesTheListsTogether()
    {
        var spec = SweepSpec.Parse(Sweep("""{ "mode": "zip", "values": { "seed": [4, 5, 6], "model.hidden": [[8], [16], [32, 2]] } }"""), "zip.json");
        Assert.Equal(3, spec.Members.Count);
        var configs = spec.Members.Select(m => (FitExperimentConfig)m.Config).ToList();
        Assert.Equal([4L, 5L, 6L], configs.Select(c => c.Seed));
        Assert.Equal([[8], [16], [32, 2]], configs.Select(c => c.Model.Hidden.ToArray()));
        Assert.Equal("seed=6,model.hidden=[32,2]", spec.Members[2].Label);
    }

    [Fact]
    public void AnotherKindIsSweptToo()
    {
        var ntk = ConfigLoader.ToJsonAny(ConfigLoader.LoadAnyFile(Path.Combine(Support.RepoPaths.Experiments, "ntk-linearised-vs-training.json")));
        var spec = SweepSpec.Parse(Sweep("""{ "values": { "seed": [1, 2] } }""", ntk), "ntk.json");
        Assert.Equal(NtkExperimentConfig.Ntk, spec.Experiment);
        Assert.All(spec.Members, m => Assert.IsType<NtkExperimentConfig>(m.Config));
        Assert.Equal(["ntk-linearised-vs-training-000", "ntk-linearised-vs-training-001"], spec.Members.Select(m => m.Name));
        Assert.Equal([1L, 2L], spec.Members.Select(m => m.Config.Seed));
    }

    [Theory]
    [InlineData("""{ "values": { "seed": [] } }""", "$.sweep.values.seed", "is an empty list; expected at least one value")]
    [InlineData("""{ "values": { "seed": 3 } }""", "$.sweep.values.seed", "the number 3 is not allowed; expected a non-empty array of values")]
    [InlineData("""{ "values": { "model.hidden": { "a": 1 } } }""", "$.sweep.values['model.hidden']", "an object is not allowed; expected a non-empty array")]
    [InlineData("""{ "mode": "random", "values": { "seed": [1] } }""", "$.sweep.mode", "the string \"random\" is not a sweep mode; expected \"grid\" or \"zip\"")]
    [InlineData("""{ "mode": "zip", "values": { "seed": [1, 2], "model.hidden": [[8]] } }""", "$.sweep.values['model.hidden']", "has 1 values but \"seed\" has 2; mode \"zip\" needs lists of the same length")]
    [InlineData("""{ "values": { "name": ["a", "b"] } }""", "$.sweep.values.name", "\"name\" cannot be swept")]
    [InlineData("""{ "values": { "experiment": ["ntk"] } }""", "$.sweep.values.experiment", "\"experiment\" cannot be swept")]
    [InlineData("""{ "values": { "seed": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "training.steps": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91] } }""", "$.sweep.values", "the grid 11 × 91 has more than 1000 members")]
    [InlineData("""{ "values": {} }""", "$.sweep.values", "expected an object of at least one")]
    [InlineData("""{ "mode": "grid" }""", "$.sweep.values", "missing")]
    [InlineData("""[1, 2]""", "$.sweep", "an array is not allowed; expected an object")]
    [InlineData("""{ "values": { "seed": [1] }, "repeat": 2 }""", "$.sweep.repeat", "unknown key; expected \"mode\" or \"values\"")]
    [InlineData("""{ "values": { "data.domain.min": [1] } }""", "$.sweep.values['data.domain.min']", "cannot set \"data.domain.min\": $.data.domain is an array, not an object")]
    [InlineData("""{ "values": { "model": [{ "hidden": [8] }], "model.hidden": [[8]] } }""", "$.sweep.values['model.hidden']", "overlaps the swept path \"model\"")]
    [InlineData("""{ "values": { "model..hidden": [[8]] } }""", "$.sweep.values['model..hidden']", "is not a dotted path")]
    public void ABadSweepSpecNamesItsPathAndWhatWasExpected(string rawSweep, string path, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => SweepSpec.Parse(Sweep(rawSweep), "bad.json"));
        Assert.Equal("bad.json", e.Source);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith($"bad.json: {path}: ", e.Message);
    }

    [Fact]
    public void ZipListsLongerThanTheLimitAndANonStringNameAreRefused()
    {
        var seeds = string.Join(", ", Enumerable.Range(0, SweepSpec.MaxMembers + 1));
        var zip = Assert.Throws<ConfigException>(() => SweepSpec.Parse(Sweep($$"""{ "mode": "zip", "values": { "seed": [{{seeds}}] } }"""), "zip.json"));
        Assert.Equal("$.sweep.values.seed", zip.JsonPath);
        Assert.Contains("has 1001 values; expected at most 1000 members", zip.Problem);

        var json = Sweep("""{ "values": { "seed": [0] } }""", ConfigJson.Set(ConfigJson.Minimal, "name", "5"));
        var name = Assert.Throws<ConfigException>(() => SweepSpec.Parse(json, "name.json"));
        Assert.Equal("$.name", name.JsonPath);
        Assert.Contains("the number 5 is not allowed; expected a string", name.Problem);
    }

    [Fact]
    public void APathTheLoaderRejectsGivesTheLoadersErrorPrefixedWithTheMember()
    {
        var e = Assert.Throws<ConfigException>(() => SweepSpec.Parse(Sweep("""{ "values": { "model.hiden": [[8]] } }"""), "typo.json"));
        Assert.Equal("typo.json (sweep member fit1d-000: model.hiden=[8])", e.Source);
        Assert.Equal("$.model.hiden", e.JsonPath);
        Assert.Contains("unknown key", e.Problem);
    }

    [Fact]
    public void AnInvalidMemberIsNamedWithItsAssignmentBeforeAnythingRuns()
    {
        var e = Assert.Throws<ConfigException>(() => SweepSpec.Parse(Sweep("""{ "values": { "seed": [0, 1], "training.learningRate": [0.1, -1] } }"""), "lr.json"));
        Assert.Equal("lr.json (sweep member fit1d-001: seed=0,training.learningRate=-1)", e.Source);
        Assert.Equal("$.training.learningRate", e.JsonPath);
        Assert.Contains("expected a number > 0", e.Problem);
        Assert.StartsWith("lr.json (sweep member fit1d-001: seed=0,training.learningRate=-1): $.training.learningRate: ", e.Message);
    }

    [Fact]
    public void ABadNameIsReportedAsTheConfigsName()
    {
        var json = Sweep("""{ "values": { "seed": [0] } }""", ConfigJson.Set(ConfigJson.Minimal, "name", "\"a b\""));
        var e = Assert.Throws<ConfigException>(() => SweepSpec.Parse(json, "name.json"));
        Assert.Equal("name.json", e.Source);
        Assert.Equal("$.name", e.JsonPath);
    }

    [Fact]
    public void RunningASweepAsAConfigSaysToUseFreqscopeSweep()
    {
        var json = Sweep("""{ "values": { "seed": [0, 1] } }""");
        Assert.True(SweepSpec.IsSweep(json));
        Assert.False(SweepSpec.IsSweep(ConfigJson.Minimal));
        Assert.False(SweepSpec.IsSweep("not json"));
        var any = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json, "s.json"));
        Assert.Equal("$.sweep", any.JsonPath);
        Assert.Contains("this config is a sweep; run it with freqscope sweep", any.Problem);
        var fit = Assert.Throws<ConfigException>(() => FitExperiment.Parse(json, "s.json"));
        Assert.Contains("this config is a sweep; run it with freqscope sweep", fit.Problem);
        var notSweep = Assert.Throws<ConfigException>(() => SweepSpec.Parse(ConfigJson.Minimal, "plain.json"));
        Assert.Contains("no \"sweep\" key; run it with freqscope run", notSweep.Problem);
    }

    [Fact]
    public void TheExampleSweepFileExpandsToTwoWidthsTimesTwoSeeds()
    {
        var spec = SweepSpec.LoadFile(Path.Combine(Support.RepoPaths.Experiments, "sweep-seeds-1d.json"));
        Assert.Equal("sweep-seeds-1d", spec.Name);
        Assert.Equal(4, spec.Members.Count);
        var configs = spec.Members.Select(m => (FitExperimentConfig)m.Config).ToList();
        Assert.Equal([0L, 1L, 0L, 1L], configs.Select(c => c.Seed));
        Assert.Equal(2, configs.Select(c => string.Join(",", c.Model.Hidden)).Distinct().Count());
        var baseConfig = FitExperiment.LoadFile(Path.Combine(Support.RepoPaths.Experiments, "fprinciple-1d.json"));
        Assert.Contains(configs, c => c.Model.Hidden.SequenceEqual(baseConfig.Model.Hidden));
        // Apart from the swept keys, its name and a shorter training, each member is the default 1-D experiment.
        Assert.All(configs, c => Assert.Equal(
            baseConfig with { Training = baseConfig.Training with { Steps = c.Training.Steps } },
            c with { Name = baseConfig.Name, Seed = baseConfig.Seed, Model = c.Model with { Hidden = baseConfig.Model.Hidden } },
            new Support.ConfigJsonComparer()));
        Assert.All(configs, c => Assert.True(c.Training.Steps < baseConfig.Training.Steps));
    }
}
