using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;
using Xunit;

namespace FreqScope.Tests.Experiments;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void MinimalConfigGetsEveryDefault()
    {
        var c = FitExperiment.Parse(ConfigJson.Minimal, "test.json");

        Assert.Equal("fit1d", c.Experiment);
        Assert.Equal("fit1d", c.Name);
        Assert.Equal(0, c.Seed);
        Assert.Equal("cpu", c.Device);

        Assert.Equal(TargetKind.Sinusoids, c.Target.Kind);
        Assert.Equal(FrequencyUnit.Angular, c.Target.FrequencyUnit);
        Assert.Equal([new SinusoidTerm(1, 1, 0)], c.Target.Terms);
        Assert.Equal(0, c.Target.Frequency);
        Assert.Equal(1, c.Target.Amplitude);
        Assert.Equal(0, c.Target.Phase);
        Assert.Empty(c.Target.Bumps);
        Assert.Null(c.Target.CsvPath);
        Assert.Equal("x", c.Target.CsvXColumn);
        Assert.Equal("y", c.Target.CsvYColumn);

        Assert.Equal(0, c.Data.DomainMin);
        Assert.Equal(1, c.Data.DomainMax);
        Assert.Equal(new TrainGridConfig { Sampling = Sampling.Uniform, Count = 101, IncludeEndpoint = true }, c.Data.Train);
        Assert.Equal(new EvalGridConfig { Count = 101, IncludeEndpoint = true }, c.Data.Eval);

        Assert.Equal([8], c.Model.Hidden);
        Assert.Equal(Activation.Tanh, c.Model.Activation);
        var defaultInit = new InitConfig { Distribution = InitDistribution.Default, Std = null, Scale = null, Gain = 1 };
        Assert.Equal(defaultInit, c.Model.WeightInit);
        Assert.Equal(defaultInit, c.Model.BiasInit);

        var t = c.Training;
        Assert.Equal(OptimizerKind.Adam, t.Optimizer);
        Assert.Equal(1e-3, t.LearningRate);
        Assert.Equal(0, t.Momentum);
        Assert.False(t.Nesterov);
        Assert.Equal(0.9, t.Beta1);
        Assert.Equal(0.999, t.Beta2);
        Assert.Equal(0, t.WeightDecay);
        Assert.Null(t.BatchSize);
        Assert.Equal(10000, t.Steps);
        Assert.Equal(0, t.H1Weight);
        Assert.Null(t.StopAtLoss);
        Assert.Equal(1000, t.CheckpointEvery);

        var p = c.Probe;
        Assert.Equal(100, p.Every);
        Assert.Null(p.Keep);
        Assert.Equal(0.01, p.MinRelativeHeight);
        Assert.Equal(0.05, p.Epsilon);
        Assert.Equal(ErrorForm.Complex, p.ErrorForm);
        Assert.Equal(6, p.Snapshots);
    }

    [Fact]
    public void EvalDefaultsToTheUniformTrainGrid()
    {
        var c = FitExperiment.Parse(ConfigJson.With("data.train", "{\"count\": 200, \"includeEndpoint\": false}"), "test.json");
        Assert.Equal(new EvalGridConfig { Count = 200, IncludeEndpoint = false }, c.Data.Eval);
    }

    [Fact]
    public void EvalDefaultsToFourTimesARandomTrainGridWithoutEndpoint()
    {
        var c = FitExperiment.Parse(ConfigJson.With("data.train", "{\"sampling\": \"random\", \"count\": 50}"), "test.json");
        Assert.Equal(Sampling.Random, c.Data.Train.Sampling);
        Assert.Equal(new EvalGridConfig { Count = 200, IncludeEndpoint = false }, c.Data.Eval);
    }

    [Fact]
    public void PartialEvalTakesTheRestFromTheDefault()
    {
        var c = FitExperiment.Parse(ConfigJson.With("data.eval", "{\"count\": 64}"), "test.json");
        Assert.Equal(new EvalGridConfig { Count = 64, IncludeEndpoint = true }, c.Data.Eval);
        var d = FitExperiment.Parse(ConfigJson.With("data.eval", "{\"includeEndpoint\": false}"), "test.json");
        Assert.Equal(new EvalGridConfig { Count = 101, IncludeEndpoint = false }, d.Data.Eval);
    }

    [Fact]
    public void AcceptsIntegersForDoublesAndIntegralNumbersForIntegers()
    {
        var json = ConfigJson.With("training", "{\"learningRate\": 1, \"steps\": 1e3, \"checkpointEvery\": 10.0}");
        var c = FitExperiment.Parse(json, "test.json");
        Assert.Equal(1.0, c.Training.LearningRate);
        Assert.Equal(1000, c.Training.Steps);
        Assert.Equal(10, c.Training.CheckpointEvery);
    }

    [Fact]
    public void NullMeansTheDefaultForNullableValues()
    {
        var json = ConfigJson.With("training", "{\"batchSize\": null, \"stopAtLoss\": null}");
        var c = FitExperiment.Parse(json, "test.json");
        Assert.Null(c.Training.BatchSize);
        Assert.Null(c.Training.StopAtLoss);
        var d = FitExperiment.Parse(ConfigJson.With("probe", "{\"keep\": null}"), "test.json");
        Assert.Null(d.Probe.Keep);
    }

    [Fact]
    public void ReadsEveryExplicitValue()
    {
        const string json = """
            {
              "experiment": "fit1d", "name": "my-run_2.b", "seed": -7, "device": "auto",
              "target": { "kind": "square", "frequencyUnit": "cycles", "frequency": 2.5, "amplitude": 0.5, "phase": 0.25 },
              "data": { "domain": [-2, 3], "train": { "sampling": "random", "count": 64 }, "eval": { "count": 128, "includeEndpoint": true } },
              "model": { "hidden": [16, 32], "activation": "leakyRelu",
                         "weightInit": { "distribution": "kaimingUniform", "gain": 1.5 },
                         "biasInit": { "distribution": "uniform", "std": 0.01 } },
              "training": { "optimizer": "sgd", "learningRate": 0.05, "momentum": 0.9, "nesterov": true, "beta1": 0.8, "beta2": 0.99,
                            "weightDecay": 1e-5, "batchSize": 32, "steps": 5000000000, "h1Weight": 0.1, "stopAtLoss": 1e-6, "checkpointEvery": 250 },
              "probe": { "every": 10, "keep": 65, "minRelativeHeight": 0.1, "epsilon": 0.01, "errorForm": "magnitude", "snapshots": 3 }
            }
            """;
        var c = FitExperiment.Parse(json, "test.json");
        Assert.Equal("my-run_2.b", c.Name);
        Assert.Equal(-7, c.Seed);
        Assert.Equal("auto", c.Device);
        Assert.Equal(new TargetConfig { Kind = TargetKind.Square, FrequencyUnit = FrequencyUnit.Cycles, Frequency = 2.5, Amplitude = 0.5, Phase = 0.25 }, c.Target);
        Assert.Equal(new FitDataConfig
        {
            Domain = new(-2, 3),
            Train = new TrainGridConfig { Sampling = Sampling.Random, Count = 64, IncludeEndpoint = true },
            Eval = new EvalGridConfig { Count = 128, IncludeEndpoint = true },
        }, c.Data);
        Assert.Equal(new ModelConfig
        {
            Hidden = [16, 32],
            Activation = Activation.LeakyRelu,
            WeightInit = new InitConfig { Distribution = InitDistribution.KaimingUniform, Gain = 1.5 },
            BiasInit = new InitConfig { Distribution = InitDistribution.Uniform, Std = 0.01 },
        }, c.Model);
        Assert.Equal(new FitTrainingConfig
        {
            Optimizer = OptimizerKind.Sgd,
            LearningRate = 0.05,
            Momentum = 0.9,
            Nesterov = true,
            Beta1 = 0.8,
            Beta2 = 0.99,
            WeightDecay = 1e-5,
            BatchSize = 32,
            Steps = 5_000_000_000,
            H1Weight = 0.1,
            StopAtLoss = 1e-6,
            CheckpointEvery = 250,
        }, c.Training);
        Assert.Equal(new FitProbeConfig { Every = 10, Keep = 65, MinRelativeHeight = 0.1, Epsilon = 0.01, ErrorForm = ErrorForm.Magnitude, Snapshots = 3 }, c.Probe);
    }

    [Fact]
    public void ScaleMeansStdEqualsMToTheMinusT()
    {
        var c = FitExperiment.Parse(ConfigJson.With("model.weightInit", "{\"distribution\": \"normal\", \"scale\": {\"m\": 200, \"t\": 0.5}}"), "test.json");
        Assert.Equal(200, c.Model.WeightInit.ScaleM);
        Assert.Equal(0.5, c.Model.WeightInit.ScaleT);
        Assert.Null(c.Model.WeightInit.Std);
        Assert.Equal(1 / Math.Sqrt(200), c.Model.WeightInit.ResolvedStd, 15);
        var d = c with { Model = c.Model with { WeightInit = new InitConfig { Distribution = InitDistribution.Normal, Std = 0.07 } } };
        Assert.Equal(0.07, d.Model.WeightInit.ResolvedStd);
    }

    [Fact]
    public void ToleratesCommentsAndTrailingCommas()
    {
        var json = "// a comment\n" + ConfigJson.Minimal.Replace("[8]", "[8, /* two layers */ 4,]", StringComparison.Ordinal);
        Assert.Equal([8, 4], FitExperiment.Parse(json, "test.json").Model.Hidden);
    }

    [Fact]
    public void LoadFileReadsTheFileAndNamesItInErrors()
    {
        var dir = Directory.CreateTempSubdirectory("freqscope-config-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.json");
            File.WriteAllText(good, ConfigJson.Minimal);
            Assert.Equal([8], FitExperiment.LoadFile(good).Model.Hidden);

            var bad = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(bad, ConfigJson.With("probe.epsilon", "-1"));
            var e = Assert.Throws<ConfigException>(() => FitExperiment.LoadFile(bad));
            Assert.Equal(bad, e.Source);
            Assert.StartsWith($"{bad}: $.probe.epsilon: -1 is out of range", e.Message, StringComparison.Ordinal);

            var broken = Path.Combine(dir.FullName, "broken.json");
            File.WriteAllText(broken, "{\n  \"seed\": 1,\n}\n}");
            e = Assert.Throws<ConfigException>(() => FitExperiment.LoadFile(broken));
            Assert.Equal(broken, e.Source);
            Assert.Contains("invalid JSON at line 4, position 1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadFileOfAMissingFileNamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "freqscope-no-such-dir-" + Guid.NewGuid().ToString("N"), "config.json");
        var e = Assert.Throws<ConfigException>(() => FitExperiment.LoadFile(path));
        Assert.Equal(path, e.Source);
        Assert.Equal("$", e.JsonPath);
        Assert.StartsWith(path + ": $: file not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultIsTheFPrincipleExperiment()
    {
        var c = FitExperiment.LoadDefault();
        Assert.Equal("fprinciple-1d", c.Name);
        Assert.Equal(0, c.Seed);
        Assert.Equal(TargetKind.Sinusoids, c.Target.Kind);
        Assert.Equal(FrequencyUnit.Angular, c.Target.FrequencyUnit);
        Assert.Equal([new SinusoidTerm(1, 1, 0), new SinusoidTerm(1, 3, 0), new SinusoidTerm(1, 5, 0)], c.Target.Terms);
        Assert.Equal(-Math.PI, c.Data.DomainMin);
        Assert.Equal(Math.PI, c.Data.DomainMax);
        Assert.Equal(new TrainGridConfig { Sampling = Sampling.Uniform, Count = 101, IncludeEndpoint = true }, c.Data.Train);
        Assert.Equal(new EvalGridConfig { Count = 101, IncludeEndpoint = true }, c.Data.Eval);
        Assert.Equal([200, 200, 200, 100], c.Model.Hidden);
        Assert.Equal(Activation.Tanh, c.Model.Activation);
        var init = new InitConfig { Distribution = InitDistribution.Normal, Scale = new(200, 0.5) };
        Assert.Equal(init, c.Model.WeightInit);
        Assert.Equal(init, c.Model.BiasInit);
        Assert.Equal(OptimizerKind.Adam, c.Training.Optimizer);
        Assert.Equal(2e-4, c.Training.LearningRate);
        Assert.Null(c.Training.BatchSize);
        Assert.Equal(5000, c.Training.Steps);
        Assert.Equal(10, c.Probe.Every);
        Assert.Equal(0.05, c.Probe.Epsilon);
        Assert.Equal(ErrorForm.Complex, c.Probe.ErrorForm);
    }

    [Fact]
    public void DefaultEqualsTheFileInTheRepository()
    {
        var file = FitExperiment.LoadFile(Path.Combine(RepoPaths.Experiments, "fprinciple-1d.json"));
        Assert.Equal(file, FitExperiment.LoadDefault());
    }
}
