using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Experiments.Ntk;

namespace FreqScope.Tests.Experiments;

public sealed class NtkConfigTests
{
    private const string Minimal = """
        {
          "experiment": "ntk",
          "target": { "kind": "sinusoids", "terms": [ { "frequency": 1 } ] },
          "data": { "domain": [-1, 1], "trainCount": 32 },
          "model": { "hidden": [64] }
        }
        """;

    private static ConfigException Fails(string json)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json, "c.json"));
        Assert.StartsWith("c.json: ", e.Message);
        return e;
    }

    private static string With(string path, string? raw) => ConfigJson.Set(Minimal, path, raw);

    [Fact]
    public void MinimalConfigGetsTheDocumentedDefaults()
    {
        var c = Assert.IsType<NtkExperimentConfig>(ConfigLoader.ParseAny(Minimal, "c.json"));
        Assert.Equal(("ntk", "ntk", 0L, "cpu"), (c.Experiment, c.Name, c.Seed, c.Device));
        Assert.Equal(new NtkDataConfig { Domain = new(-1, 1), TrainCount = 32, IncludeEndpoint = false, TestCount = 0 }, c.Data);
        Assert.Equal([64], c.Model.Hidden);
        Assert.Equal(Activation.Tanh, c.Model.Activation);
        Assert.Equal(new NtkTrainingConfig { LearningRate = 0.001, Steps = 1000 }, c.Training);
        Assert.Equal(new NtkProbeConfig { Every = 10, Eigenvectors = 8, Snapshots = 5, NtkBatchSize = 256 }, c.Probe);
    }

    [Fact]
    public void TheDefaultNumberOfEigenvectorsIsCappedByTheTrainCount()
    {
        var c = (NtkExperimentConfig)ConfigLoader.ParseAny(With("data.trainCount", "5"), "c.json");
        Assert.Equal(5, c.Probe.Eigenvectors);
        var d = (NtkExperimentConfig)ConfigLoader.ParseAny(ConfigJson.Set(With("data.trainCount", "5"), "probe.every", "3"), "c.json");
        Assert.Equal(5, d.Probe.Eigenvectors);
    }

    [Fact]
    public void EveryKeyRoundTripsThroughTheWriter()
    {
        var json = """
            {
              "experiment": "ntk", "name": "n-1", "seed": 7, "device": "auto",
              "target": { "kind": "sinusoids", "frequencyUnit": "cycles", "terms": [ { "amplitude": 2, "frequency": 0.5, "phase": 0.25 }, { "frequency": 3 } ] },
              "data": { "domain": [0, 2], "trainCount": 100, "includeEndpoint": true, "testCount": 300 },
              "model": { "hidden": [512, 16], "activation": "relu", "weightInit": { "distribution": "kaimingNormal", "gain": 1.5 }, "biasInit": { "distribution": "normal", "scale": { "m": 4, "t": 0.5 } } },
              "training": { "learningRate": 0.0025, "steps": 321 },
              "probe": { "every": 7, "eigenvectors": 100, "snapshots": 3, "ntkBatchSize": 64 }
            }
            """;
        var c = ConfigLoader.Parse<NtkExperimentConfig>(json, "c.json");
        Assert.Equal((0.0, 2.0, 100, true, 300), (c.Data.DomainMin, c.Data.DomainMax, c.Data.TrainCount, c.Data.IncludeEndpoint, c.Data.TestCount));
        Assert.Equal((0.0025, 321L), (c.Training.LearningRate, c.Training.Steps));
        Assert.Equal(new NtkProbeConfig { Every = 7, Eigenvectors = 100, Snapshots = 3, NtkBatchSize = 64 }, c.Probe);
        var written = ConfigLoader.ToJsonAny(c);
        var again = ConfigLoader.Parse<NtkExperimentConfig>(written, "again");
        Assert.Equal(c, again);
        Assert.Equal(written, ConfigLoader.ToJsonAny(again));
    }

    [Theory]
    [InlineData("data.trainCount", "1", "$.data.trainCount: 1 is out of range; expected an integer between 2 and 4000 (the NTK is n×n)")]
    [InlineData("data.trainCount", "4001", "$.data.trainCount: 4001 is out of range; expected an integer between 2 and 4000 (the NTK is n×n)")]
    [InlineData("data.trainCount", null, "$.data.trainCount")]
    [InlineData("data.testCount", "1", "$.data.testCount: 1 is out of range; expected 0 (no test points) or an integer between 2 and 10000")]
    [InlineData("data.testCount", "10001", "$.data.testCount: 10001 is out of range")]
    [InlineData("data.domain", "[1, 1]", "$.data.domain: [1, 1] is out of range; expected [min, max] with min < max")]
    [InlineData("data.domain", "[0]", "$.data.domain")]
    [InlineData("data.train", "{}", "$.data")]
    [InlineData("training.learningRate", "0", "$.training.learningRate: 0 is out of range; expected a finite number > 0")]
    [InlineData("training.learningRate", "-1", "$.training.learningRate: -1 is out of range; expected a finite number > 0")]
    [InlineData("training.steps", "0", "$.training.steps: 0 is out of range; expected an integer between 1 and 10000000")]
    [InlineData("training.steps", "10000001", "$.training.steps: 10000001 is out of range; expected an integer between 1 and 10000000")]
    [InlineData("training.optimizer", "\"adam\"", "$.training")]
    [InlineData("training.batchSize", "4", "$.training")]
    [InlineData("probe.every", "0", "$.probe.every: 0 is out of range; expected an integer >= 1")]
    [InlineData("probe.eigenvectors", "0", "$.probe.eigenvectors: 0 is out of range; expected an integer between 1 and data.trainCount = 32")]
    [InlineData("probe.eigenvectors", "33", "$.probe.eigenvectors: 33 is out of range; expected an integer between 1 and data.trainCount = 32")]
    [InlineData("probe.snapshots", "1", "$.probe.snapshots: 1 is out of range; expected an integer >= 2")]
    [InlineData("probe.ntkBatchSize", "1", "$.probe.ntkBatchSize: 1 is out of range; expected an integer >= 2")]
    [InlineData("model.hidden", "[]", "$.model.hidden")]
    [InlineData("model", null, "$.model")]
    [InlineData("extra", "1", "$.extra")]
    public void EveryBadValueIsNamed(string path, string? raw, string expected)
    {
        var e = Fails(With(path, raw));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ACsvTargetIsRejectedWithTheKindsThatWork()
    {
        var e = Fails(ConfigJson.Set(With("target.kind", "\"csv\""), "target.csvPath", "\"a.csv\""));
        Assert.Contains("\"csv\" is not available in ntk experiments", e.Message);
    }

    [Fact]
    public void ParseRefusesAnotherKind()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<NtkExperimentConfig>(ConfigJson.Minimal, "c.json"));
        Assert.Contains("expected \"ntk\"", e.Message);
        Assert.Contains(NtkExperimentConfig.Ntk, ConfigLoader.Experiments);
    }

    [Fact]
    public void SmokeShrinksPointsWidthsStepsAndTrackedEigenvectors()
    {
        var c = ConfigLoader.Parse<NtkExperimentConfig>(ConfigJson.Set(ConfigJson.Set(ConfigJson.Set(With("data.trainCount", "200"), "data.testCount", "500"),
            "model.hidden", "[4096, 8]"), "training.steps", "5000"), "c.json") with { Probe = new NtkProbeConfig { Every = 50, Eigenvectors = 100 } };
        var s = NtkExperiment.Smoke(c);
        Assert.Equal((64, 64), (s.Data.TrainCount, s.Data.TestCount));
        Assert.Equal([256, 8], s.Model.Hidden);
        Assert.Equal(50, s.Training.Steps);
        Assert.Equal((10, 8), (s.Probe.Every, s.Probe.Eigenvectors));
        Assert.Equal(c.Target, s.Target);
        var none = NtkExperiment.Smoke(ConfigLoader.Parse<NtkExperimentConfig>(Minimal, "c.json"));
        Assert.Equal(0, none.Data.TestCount);
    }
}
