using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Theory;
using FreqScope.Experiments.FourierFeatures;

namespace FreqScope.Tests.Experiments;

public sealed class FourierConfigTests
{
    private const string Minimal = """
        {
          "experiment": "fourier-features",
          "target": { "kind": "sinusoids", "frequencyUnit": "cycles", "terms": [ { "frequency": 0.3 } ] },
          "data": { "points": 200 },
          "network": { "width": 100, "density": { "kind": "gaussian", "scale": 2 } },
          "training": { "learningRate": 0.1, "steps": 100 }
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
        var c = Assert.IsType<FourierExperimentConfig>(ConfigLoader.ParseAny(Minimal, "c.json"));
        Assert.Equal(("fourier-features", "fourier-features", 0L, "cpu"), (c.Experiment, c.Name, c.Seed, c.Device));
        Assert.Equal((-10.0, 10.0, 200, (double?)null), (c.Data.Min, c.Data.Max, c.Data.Points, c.Data.Envelope));
        Assert.Equal((100, 0.1, false, true, false), (c.Network.Width, c.Network.SigmaA, c.Network.TrainFrequencies, c.Network.Stratified, c.Network.OutputBias));
        Assert.Equal(new FrequencyDensityConfig { Kind = FrequencyDensityKind.Gaussian, Scale = 2 }, c.Network.Density);
        Assert.Equal((0.1, 100L, 1000L), (c.Training.LearningRate, c.Training.Steps, c.Training.CheckpointEvery));
        Assert.Equal(new FourierProbeConfig(), c.Probe);
        Assert.Equal((10L, 2.0, 801, 0.05, 0.3), (c.Probe.Every, c.Probe.MaxFrequency, c.Probe.Nodes, c.Probe.Epsilon, c.Probe.PeakThreshold));
        Assert.Null(c.Pde);
    }

    [Fact]
    public void PdeSectionDefaultsAndRoundTrip()
    {
        var c = (FourierExperimentConfig)ConfigLoader.ParseAny(With("pde", "{}"), "c.json");
        Assert.Equal(new FrequencyPdeConfig { Scheme = TimeScheme.CrankNicolson, TimeStep = 1, LumpedMass = false }, c.Pde);
        var json = ConfigLoader.ToJsonAny(c);
        Assert.Equal(c, ConfigLoader.ParseAny(json, "again"));
    }

    [Theory]
    [InlineData("""{ "kind": "uniform", "frequencyUnit": "cycles", "cutoff": 1 }""", FrequencyDensityKind.Uniform, 2 * Math.PI)]
    [InlineData("""{ "kind": "laplace", "scale": 1.5 }""", FrequencyDensityKind.Laplace, 1.5)]
    [InlineData("""{ "kind": "increasing", "cutoff": 3, "power": 2 }""", FrequencyDensityKind.Increasing, 3)]
    [InlineData("""{ "kind": "table", "points": [0, 1, 2], "weights": [1, 1, 0] }""", FrequencyDensityKind.Table, 2)]
    public void EveryDensityKindReadsRoundTripsAndConvertsToAngular(string density, FrequencyDensityKind kind, double angularScale)
    {
        var c = (FourierExperimentConfig)ConfigLoader.ParseAny(With("network.density", density), "c.json");
        Assert.Equal(kind, c.Network.Density.Kind);
        var d = c.Network.Density.ToDensity();
        Assert.Equal(kind, d.Kind);
        Assert.Equal(angularScale, d.Scale, 12);
        Assert.Equal(c, ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(c), "again"));
    }

    [Fact]
    public void ACyclesDensityIsTheAngularOneRescaled()
    {
        var cycles = new FrequencyDensityConfig { Kind = FrequencyDensityKind.Gaussian, FrequencyUnit = FrequencyUnit.Cycles, Scale = 0.5 }.ToDensity();
        var angular = FrequencyDensity.Gaussian(Math.PI);
        foreach (var w in new[] { 0.0, 0.7, 2.5 }) Assert.Equal(angular.Density(w), cycles.Density(w), 14);
    }

    [Theory]
    [InlineData("network.density", """{ "kind": "gaussian", "cutoff": 2 }""", "$.network.density.cutoff", "applies to kind \"uniform\" and \"increasing\", not \"gaussian\"")]
    [InlineData("network.density", """{ "kind": "gaussian" }""", "$.network.density.scale", "missing")]
    [InlineData("network.density", """{ "kind": "increasing", "cutoff": 2, "power": 0 }""", "$.network.density.power", "expected a number > 0")]
    [InlineData("network.density", """{ "kind": "table", "points": [0, 2, 1], "weights": [1, 1, 1] }""", "$.network.density.points", "points[2] = 1")]
    [InlineData("network.density", """{ "kind": "table", "points": [0, 1], "weights": [0, 0] }""", "$.network.density.weights", "at least one weight > 0")]
    [InlineData("network.density", """{ "kind": "table", "points": [0, 1], "weights": [1] }""", "$.network.density.weights", "one weight per point (2)")]
    [InlineData("network.width", "0", "$.network.width", "expected an integer between 1 and")]
    [InlineData("network.sigmaA", "0", "$.network.sigmaA", "expected a number > 0")]
    [InlineData("data.points", "3", "$.data.points", "expected an integer between 4 and")]
    [InlineData("data.domain", "[1, 1]", "$.data.domain", "min < max")]
    [InlineData("data.envelope", "-1", "$.data.envelope", "a width > 0")]
    [InlineData("training.learningRate", "0", "$.training.learningRate", "expected a number > 0")]
    [InlineData("training.steps", "0", "$.training.steps", "expected an integer between 1 and")]
    [InlineData("probe.nodes", "800", "$.probe.nodes", "an odd integer")]
    [InlineData("probe.every", "101", "$.probe.every", "between 1 and training.steps = 100")]
    [InlineData("probe.epsilon", "1", "$.probe.epsilon", "a number in (0, 1)")]
    [InlineData("pde", """{ "scheme": "forwardEuler" }""", "$.pde.scheme", "forwardEuler")]
    [InlineData("pde", """{ "timeStep": 0 }""", "$.pde.timeStep", "expected a number > 0")]
    [InlineData("target", """{ "kind": "csv", "csvPath": "a.csv" }""", "$.target.kind", "expected an analytic target")]
    [InlineData("network.layers", "2", "$.network.layers", "layers")]
    public void BadValuesAreReportedWithTheirPathAndWhatWasExpected(string path, string raw, string where, string message)
    {
        var e = Fails(With(path, raw));
        Assert.Contains(where, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AProbeGridTooCoarseForTheWindowIsRejectedBeforeTheRun()
    {
        // A rule of the config: it is refused when the config is read, so a sweep refuses it before any member runs.
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(With("probe", """{ "maxFrequency": 2, "nodes": 21 }"""), "c.json"));
        Assert.Contains("$.probe.nodes", e.Message);
        Assert.Contains("at least 161 nodes", e.Message);
    }

    [Fact]
    public void TheProbeGridIsSymmetricWithZeroInTheMiddle()
    {
        var p = new FourierProbeConfig { MaxFrequency = 1.5, Nodes = 7 };
        Assert.Equal([-1.5, -1, -0.5, 0, 0.5, 1, 1.5], p.Frequencies());
        var d = new FourierDataConfig { Domain = new(0, 2), Points = 4, Envelope = 0.5 };
        Assert.Equal([0.25, 0.75, 1.25, 1.75], d.Coordinates());
        Assert.Equal(Math.Exp(-0.25 / 0.5), d.EnvelopeAt(0.5), 14);
    }
}
