using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Experiments.Parity;

namespace FreqScope.Tests.Experiments;

public sealed class ParityConfigTests
{
    private const string Minimal = """
        {
          "experiment": "parity",
          "data": { "dimension": 6 },
          "model": { "hidden": [32] },
          "training": { "steps": 100 }
        }
        """;

    private static string With(string path, string? raw) => ConfigJson.Set(Minimal, path, raw);

    [Fact]
    public void MinimalConfigGetsTheDocumentedDefaults()
    {
        var c = Assert.IsType<ParityExperimentConfig>(ConfigLoader.ParseAny(Minimal, "c.json"));
        Assert.Equal(("parity", "parity", 0L, "cpu"), (c.Experiment, c.Name, c.Seed, c.Device));
        Assert.Equal((6, (int?)null, 0.5, 64, 32, 32), (c.Data.Dimension, c.Data.Points, c.Data.TrainFraction, c.Data.Count, c.Data.TrainCount, c.Data.TestCount));
        Assert.Equal(new ParityTrainingConfig { Steps = 100 }, c.Training);
        Assert.Equal((OptimizerKind.Adam, 1e-3, (int?)null, 1000L), (c.Training.Optimizer, c.Training.LearningRate, c.Training.BatchSize, c.Training.CheckpointEvery));
        Assert.Equal(new ParityProbeConfig { MaxRadius = Math.Sqrt(6) * Math.PI }, c.Probe);
        Assert.Equal((10L, 61, 64, 2048, 4, 0.1), (c.Probe.Every, c.Probe.Radii, c.Probe.Directions, c.Probe.TargetDirections, c.Probe.Bands, c.Probe.Epsilon));
    }

    [Fact]
    public void AFullConfigRoundTrips()
    {
        var json = """
            {
              "experiment": "parity", "name": "p-1", "seed": 7, "device": "auto",
              "data": { "dimension": 9, "points": 300, "trainFraction": 0.7 },
              "model": { "hidden": [40, 20], "activation": "relu", "weightInit": { "distribution": "normal", "std": 0.1 } },
              "training": { "optimizer": "sgd", "learningRate": 0.05, "momentum": 0.9, "nesterov": true, "batchSize": 64, "steps": 500, "checkpointEvery": 50 },
              "probe": { "every": 25, "maxRadius": 8, "radii": 41, "directions": 32, "targetDirections": 100, "bands": 5, "epsilon": 0.2 }
            }
            """;
        var c = (ParityExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        Assert.Equal((300, 210, 90), (c.Data.Count, c.Data.TrainCount, c.Data.TestCount));
        Assert.Equal((64, true), (c.Training.BatchSize, c.Training.Nesterov));
        Assert.Equal((8.0, 41, 32, 100, 5, 0.2), (c.Probe.MaxRadius, c.Probe.Radii, c.Probe.Directions, c.Probe.TargetDirections, c.Probe.Bands, c.Probe.Epsilon));
        var written = ConfigLoader.ToJsonAny(c);
        Assert.Equal(c, ConfigLoader.Parse<ParityExperimentConfig>(written, "again"));
        Assert.Equal(written, ConfigLoader.ToJsonAny(ConfigLoader.ParseAny(written, "again")));
        var minimal = ConfigLoader.Parse<ParityExperimentConfig>(Minimal, "m");
        Assert.Equal(minimal, ConfigLoader.Parse<ParityExperimentConfig>(ConfigLoader.ToJsonAny(minimal), "m2"));
    }

    [Theory]
    [InlineData("data.dimension", "1", "$.data.dimension", "expected an integer between 2 and 20")]
    [InlineData("data.dimension", "21", "$.data.dimension", "expected an integer between 2 and 20")]
    [InlineData("data.points", "65", "$.data.points", "between 4 and 2^6 = 64")]
    [InlineData("data.trainFraction", "1", "$.data.trainFraction", "a number in (0, 1)")]
    [InlineData("data.trainFraction", "0.001", "$.data.trainFraction", "leaves 0 for training")]
    [InlineData("data.size", "3", "$.data.size", "size")]
    [InlineData("model.hidden", "[]", "$.model.hidden", "1 to")]
    [InlineData("model.encoding", """{ "kind": "basic" }""", "$.model.encoding", "expected \"none\"")]
    [InlineData("training.steps", "0", "$.training.steps", "expected an integer between 1 and")]
    [InlineData("training.batchSize", "33", "$.training.batchSize", "between 1 and the 32 training points")]
    [InlineData("training.learningRate", "-1", "$.training.learningRate", "a number > 0")]
    [InlineData("training.nesterov", "true", "$.training.nesterov", "requires optimizer \"sgd\"")]
    [InlineData("probe.every", "101", "$.probe.every", "between 1 and training.steps = 100")]
    [InlineData("probe.radii", "2", "$.probe.radii", "an integer between 3 and")]
    [InlineData("probe.bands", "1", "$.probe.bands", "between 2 and probe.radii = 61")]
    [InlineData("probe.maxRadius", "0", "$.probe.maxRadius", "a number > 0")]
    [InlineData("probe.directions", "0", "$.probe.directions", "an integer between 1 and")]
    [InlineData("probe.epsilon", "1", "$.probe.epsilon", "a number in (0, 1)")]
    public void BadValuesAreReportedWithTheirPathAndWhatWasExpected(string path, string raw, string where, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(With(path, raw), "c.json"));
        Assert.StartsWith("c.json: ", e.Message);
        Assert.Contains(where, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ATooLargePhaseTableIsRejectedBeforeTheRun()
    {
        // A rule of the config: it is refused when the config is read, so a sweep refuses it before any member runs.
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(With("data", """{ "dimension": 20 }"""), "c.json"));
        Assert.Contains("$.probe.directions", e.Message);
        Assert.Contains("exceed the 50000000 entries", e.Message);
    }
}
