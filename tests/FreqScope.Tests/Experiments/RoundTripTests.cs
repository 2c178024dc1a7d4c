using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;
using Xunit;

namespace FreqScope.Tests.Experiments;

public sealed class RoundTripTests
{
    private static FitExperimentConfig Base() => FitExperiment.Parse(ConfigJson.Minimal, "base");

    public static TheoryData<string> Variants() =>
    [
        "minimal", "csv", "square", "sawtooth", "bumps", "random", "std-init", "xavier", "sgd", "everything",
    ];

    private static FitExperimentConfig Variant(string name)
    {
        var b = Base();
        return name switch
        {
            "minimal" => b,
            "csv" => b with { Target = new TargetConfig { Kind = TargetKind.Csv, CsvPath = "data/ø ü \"q\".csv", CsvXColumn = "t", CsvYColumn = "value" } },
            "square" => b with { Target = new TargetConfig { Kind = TargetKind.Square, Frequency = 0.1 + 0.2, Amplitude = -2, Phase = Math.PI / 3 } },
            "sawtooth" => b with { Target = new TargetConfig { Kind = TargetKind.Sawtooth, FrequencyUnit = FrequencyUnit.Cycles, Frequency = 7 } },
            "bumps" => b with { Target = new TargetConfig { Kind = TargetKind.GaussianBumps, Bumps = [new GaussianBump(-0.5, 0.1, 1), new GaussianBump(0.3, 1e-3, -0.25)] } },
            "random" => b with
            {
                Seed = long.MinValue,
                Data = b.Data with { Train = new TrainGridConfig { Sampling = Sampling.Random, Count = 77 }, Eval = new EvalGridConfig { Count = 333, IncludeEndpoint = false } },
            },
            "std-init" => b with { Model = b.Model with { WeightInit = new InitConfig { Distribution = InitDistribution.Uniform, Std = 1.0 / 3 }, BiasInit = new InitConfig { Distribution = InitDistribution.Zeros } } },
            "xavier" => b with { Model = b.Model with { Hidden = [3, 1, 4, 1, 5], Activation = Activation.Gelu, WeightInit = new InitConfig { Distribution = InitDistribution.XavierNormal, Gain = 5.0 / 3 } } },
            "sgd" => b with { Training = new FitTrainingConfig { Optimizer = OptimizerKind.Sgd, Momentum = 0.95, Nesterov = true, LearningRate = 0.1, BatchSize = 16 } },
            "everything" => b with
            {
                Name = "all.the_things-1",
                Seed = 123456789012345,
                Device = "cuda",
                Target = b.Target with { FrequencyUnit = FrequencyUnit.Cycles, Terms = [new SinusoidTerm(0.5, 1e-7, -1), new SinusoidTerm(3, 12345.678, 6.2)] },
                Data = b.Data with { Domain = new(-1e-3, 2.5e6) },
                Training = new FitTrainingConfig { WeightDecay = 1e-2, Steps = 3_000_000_000, H1Weight = 0.5, StopAtLoss = 1e-9, CheckpointEvery = 7, Beta1 = 0, Beta2 = 0.5 },
                Probe = new FitProbeConfig { Every = 1, Keep = 51, MinRelativeHeight = 1, Epsilon = 1e-3, ErrorForm = ErrorForm.Magnitude, Snapshots = 2 },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ParseOfToJsonEqualsTheConfig(string name)
    {
        var config = Variant(name);
        var json = FitExperiment.ToJson(config);
        var back = FitExperiment.Parse(json, name);
        Assert.Equal(config, back);
        Assert.Equal(config.GetHashCode(), back.GetHashCode());
        Assert.Equal(json, FitExperiment.ToJson(back));
    }

    [Fact]
    public void ToJsonWritesEveryValueExplicitly()
    {
        var config = Variant("xavier") with
        {
            Model = Variant("xavier").Model with { Activation = Activation.LeakyRelu, BiasInit = new InitConfig { Distribution = InitDistribution.Normal, Scale = new(200, 0.5) } },
        };
        var json = FitExperiment.ToJson(config);
        foreach (var expected in new[]
        {
            "\"experiment\": \"fit1d\"", "\"name\": \"fit1d\"", "\"seed\": 0", "\"device\": \"cpu\"",
            "\"kind\": \"sinusoids\"", "\"frequencyUnit\": \"angular\"", "\"csvPath\": null", "\"csvXColumn\": \"x\"",
            "\"domain\": [", "\"sampling\": \"uniform\"", "\"eval\": {",
            "\"activation\": \"leakyRelu\"", "\"distribution\": \"xavierNormal\"", "\"distribution\": \"normal\"",
            "\"scale\": {", "\"m\": 200", "\"t\": 0.5",
            "\"optimizer\": \"adam\"", "\"learningRate\": 0.001", "\"nesterov\": false", "\"batchSize\": null", "\"stopAtLoss\": null",
            "\"steps\": 10000", "\"checkpointEvery\": 1000", "\"keep\": null", "\"errorForm\": \"complex\"", "\"snapshots\": 6",
        })
        {
            Assert.Contains(expected, json, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"std\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
    }

    [Fact]
    public void EqualityComparesListsByContent()
    {
        var a = Base();
        var b = a with
        {
            Target = a.Target with { Terms = a.Target.Terms.ToList() },
            Model = a.Model with { Hidden = a.Model.Hidden.ToArray() },
        };
        Assert.NotSame(a.Target.Terms, b.Target.Terms);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { Model = a.Model with { Hidden = [8, 8] } });
        Assert.NotEqual(a, a with { Target = a.Target with { Terms = [new SinusoidTerm(1, 2, 0)] } });
        Assert.NotEqual(a, a with { Target = a.Target with { Bumps = [new GaussianBump(0, 1, 1)] } });
    }
}
