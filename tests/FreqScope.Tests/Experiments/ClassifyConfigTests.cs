using FreqScope.Experiments.Fit1d;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Data;
using FreqScope.Experiments;
using FreqScope.Experiments.Classify;

namespace FreqScope.Tests.Experiments;

public sealed class ClassifyConfigTests
{
    private const string Minimal = """
        {
          "experiment": "classify",
          "data": { "dataset": "fashion-mnist" },
          "model": { "kind": "mlp" },
          "probe": { "filtering": { "deltas": [5] } }
        }
        """;

    private static string With(string path, string json) => ConfigJson.Set(Minimal, path, json);

    private static ConfigException Fails(string json)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json, "c.json"));
        Assert.StartsWith("c.json: ", e.Message);
        return e;
    }

    [Fact]
    public void MinimalConfigGetsTheDocumentedDefaults()
    {
        var c = Assert.IsType<ClassifyExperimentConfig>(ConfigLoader.ParseAny(Minimal, "c.json"));
        Assert.Equal(("classify", "classify", 0L, "cpu"), (c.Experiment, c.Name, c.Seed, c.Device));
        Assert.Equal("fashion-mnist", c.Data.Dataset);
        Assert.Null(c.Data.Dir);
        Assert.False(c.Data.Download);
        Assert.Equal(new SubsetConfig(), c.Data.Train);
        Assert.Equal(PixelNormalization.Scale01, c.Data.Normalization);
        Assert.Equal([400, 200], c.Model.Hidden);
        Assert.Equal(Activation.Relu, c.Model.Activation);
        Assert.Equal(new ClassifyTrainingConfig(), c.Training);
        Assert.Equal(LossKind.CrossEntropy, c.Training.Loss);
        Assert.Equal([5.0], c.Probe.Filtering!.Deltas);
        Assert.Equal(0.1, c.Probe.Filtering.Threshold);
        Assert.Null(c.Probe.Projection);
        Assert.Equal(1, c.Probe.Every);
    }

    [Fact]
    public void EveryKeyRoundTripsThroughTheWriter()
    {
        var json = """
            {
              "experiment": "classify", "name": "x-1", "seed": 9, "device": "auto",
              "data": { "dataset": "cifar10", "dir": "/tmp/cifar", "download": true,
                        "train": { "count": 300, "subset": "balanced" }, "test": { "count": 100, "subset": "random" },
                        "normalization": "standardize" },
              "model": { "kind": "vgg", "depth": 11, "widthMultiplier": 0.25, "batchNorm": true },
              "training": { "loss": "mse", "optimizer": "sgd", "learningRate": 0.05, "momentum": 0.9, "nesterov": true,
                            "weightDecay": 5e-4, "batchSize": 32, "epochs": 7, "schedule": "step", "stepEpochs": 3,
                            "gamma": 0.5, "checkpointEvery": 2 },
              "probe": { "every": 2, "evalBatchSize": 64,
                         "filtering": { "deltas": [2, 10], "threshold": 0.2, "samples": 100, "cacheBudgetMiB": 16 },
                         "projection": { "direction": { "kind": "random", "seed": 4 }, "frequencies": { "count": 51, "max": 0.3 },
                                         "outputComponent": 3, "minRelativeHeight": 0.1, "epsilon": 0.2, "errorForm": "complex" } }
            }
            """;
        var c = Assert.IsType<ClassifyExperimentConfig>(ConfigLoader.ParseAny(json, "c.json"));
        Assert.Equal(11, c.Model.Depth);
        Assert.Equal(ScheduleKind.Step, c.Training.Schedule);
        Assert.Equal(DirectionKind.Random, c.Probe.Projection!.Direction.Kind);
        Assert.Equal(4, c.Probe.Projection.Direction.Seed);
        Assert.Equal(0.3, c.Probe.Projection.Frequencies.Max);
        Assert.Equal(SubsetKind.Random, c.Data.Test.Subset);
        var written = ConfigLoader.ToJsonAny(c);
        var again = ConfigLoader.ParseAny(written, "again");
        Assert.Equal(c, again);
        Assert.Equal(written, ConfigLoader.ToJsonAny(again));
    }

    [Fact]
    public void VectorDirectionRoundTrips()
    {
        var c = (ClassifyExperimentConfig)ConfigLoader.ParseAny(With("$.probe.projection", """{ "direction": { "kind": "vector", "values": [1, 0, -2] } }"""), "c.json");
        Assert.Equal([1.0, 0, -2], c.Probe.Projection!.Direction.Values);
        Assert.Equal(c, ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(c), "again"));
    }

    [Theory]
    [InlineData("$.data.dataset", "\"svhn\"", "$.data.dataset: \"svhn\" is not allowed; expected one of mnist, fashion-mnist, cifar10")]
    [InlineData("$.data.train", """{ "count": 0 }""", "$.data.train.count: 0 is out of range; expected an integer >= 1, or null for the whole split")]
    [InlineData("$.data.train", """{ "subset": "stratified" }""", "$.data.train.subset: \"stratified\" is not allowed; expected one of first, random, balanced")]
    [InlineData("$.data.normalization", "\"zscore\"", "$.data.normalization: \"zscore\" is not allowed; expected one of scale01, standardize")]
    [InlineData("$.model", """{ "kind": "resnet" }""", "$.model.kind: \"resnet\" is not allowed; expected one of mlp, cnn, vgg")]
    [InlineData("$.model", """{ "kind": "vgg", "depth": 13 }""", "$.model.depth: 13 is out of range; expected 11 or 16")]
    [InlineData("$.model", """{ "kind": "cnn", "hidden": [3] }""", "$.model.hidden: unknown key; allowed keys: kind")]
    [InlineData("$.model", """{ "kind": "vgg", "widthMultiplier": 0 }""", "$.model.widthMultiplier: 0 is out of range; expected a number in (0, 16]")]
    [InlineData("$.training", """{ "loss": "hinge" }""", "$.training.loss: \"hinge\" is not allowed; expected one of crossEntropy, mse")]
    [InlineData("$.training", """{ "optimizer": "adam", "nesterov": true }""", "$.training.nesterov: true requires optimizer \"sgd\" with momentum > 0 (optimizer is \"adam\", momentum 0)")]
    [InlineData("$.training", """{ "epochs": 0 }""", "$.training.epochs: 0 is out of range; expected an integer between 1 and 100000")]
    [InlineData("$.training", """{ "schedule": "linear" }""", "$.training.schedule: \"linear\" is not allowed; expected one of none, step, cosine")]
    [InlineData("$.training", """{ "gamma": 1.5 }""", "$.training.gamma: 1.5 is out of range; expected a number in (0, 1]")]
    [InlineData("$.probe", """{ "every": 1 }""", "$.probe: needs \"filtering\", \"projection\" or \"paths\" (or several): a classify run measures at least one of them")]
    [InlineData("$.probe.filtering", """{ "deltas": [] }""", "$.probe.filtering.deltas: [] is out of range; expected at least one δ")]
    [InlineData("$.probe.filtering", """{ "deltas": [2, -1] }""", "$.probe.filtering.deltas[1]: -1 is out of range; expected a number > 0 (δ is the kernel's variance)")]
    [InlineData("$.probe.filtering", """{ "deltas": [2, 2] }""", "$.probe.filtering.deltas[1]: 2 is given twice; expected distinct δ values")]
    [InlineData("$.probe.filtering", """{ "deltas": [2], "samples": 1 }""", "$.probe.filtering.samples: 1 is out of range; expected an integer >= 2, or null for the whole training subset")]
    [InlineData("$.probe.projection", """{ "direction": { "kind": "pca", "component": 0 } }""", "$.probe.projection.direction.component: 0 is out of range; expected an integer between 1 and 100")]
    [InlineData("$.probe.projection", """{ "direction": { "kind": "vector", "values": [0, 0] } }""", "$.probe.projection.direction.values: [0,0] is out of range; expected a non-zero vector with one number per input feature")]
    [InlineData("$.probe.projection", """{ "direction": { "kind": "pca", "seed": 3 } }""", "$.probe.projection.direction.seed: unknown key; allowed keys: kind, component")]
    [InlineData("$.probe.projection", """{ "frequencies": { "count": 2 } }""", "$.probe.projection.frequencies.count: 2 is out of range; expected an integer between 3 and 100000")]
    [InlineData("$.probe.projection", """{ "frequencies": { "max": -1 } }""", "$.probe.projection.frequencies.max: -1 is out of range; expected a number > 0, or null for 1/σ of the projected coordinates")]
    public void BadValuesNameThePathTheValueAndWhatWasExpected(string path, string value, string expected)
    {
        var e = Fails(With(path, value));
        Assert.Equal("c.json: " + expected, e.Message);
    }

    [Fact]
    public void MissingRequiredSectionsAreNamed()
    {
        Assert.Equal("c.json: $.data: required key is missing", Fails("""{ "experiment": "classify", "model": { "kind": "cnn" }, "probe": { "filtering": { "deltas": [1] } } }""").Message);
        Assert.Equal("c.json: $.probe: required key is missing (at least one of filtering and projection)",
            Fails("""{ "experiment": "classify", "data": { "dataset": "mnist" }, "model": { "kind": "cnn" } }""").Message);
    }

    [Fact]
    public void UnknownTopLevelKeyListsTheClassifyKeys()
    {
        var e = Fails(With("$.steps", "10"));
        Assert.Equal("c.json: $.steps: unknown key; allowed keys: experiment, name, seed, device, data, model, training, probe, tensorboard", e.Message);
    }

    [Fact]
    public void TheFitLoaderRefusesAClassifyConfigAndSaysWhatToUse()
    {
        var e = Assert.Throws<ConfigException>(() => FitExperiment.Parse(Minimal, "c.json"));
        Assert.Contains("$.experiment", e.Message);
        Assert.Contains("not a fit1d config", e.Message);
    }
}
