using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;
using FreqScope.Experiments.Classify;
using FreqScope.Sweeps;
using Xunit;

namespace FreqScope.Tests.Experiments;

public sealed class ExperimentFilesTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Experiments, "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void TheExpectedFilesExist()
    {
        var names = Directory.GetFiles(RepoPaths.Experiments, "*.json").Select(Path.GetFileName).ToHashSet();
        Assert.Contains("fprinciple-1d.json", names);
        Assert.Contains("fprinciple-1d-relu.json", names);
        Assert.Contains("rahaman-spectral-dynamics.json", names);
        Assert.Contains("fashion-mnist-mlp-filtering.json", names);
        Assert.Contains("fashion-mnist-cnn-projection.json", names);
        Assert.Contains("mnist-mlp-projection.json", names);
        Assert.Contains("cifar10-cnn-filtering.json", names);
        Assert.Contains("cifar10-vgg16-filtering.json", names);
        Assert.Contains("sweep-seeds-1d.json", names);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryExperimentFileParsesAndRoundTrips(string file)
    {
        var path = Path.Combine(RepoPaths.Experiments, file);
        if (SweepSpec.IsSweepFile(path))
        {
            // A sweep file: every member parses and round-trips, named after the file.
            var spec = SweepSpec.LoadFile(path);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), spec.Name);
            Assert.NotEmpty(spec.Members);
            foreach (var member in spec.Members) RoundTrips(member.Config);
            return;
        }

        var config = ConfigLoader.LoadAnyFile(path);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), config.Name);
        RoundTrips(config);
    }

    private static void RoundTrips(IExperimentConfig config)
    {
        var json = ConfigLoader.ToJsonAny(config);
        var again = ConfigLoader.ParseAny(json, "round-trip");
        Assert.Equal(config, again);
        Assert.Equal(json, ConfigLoader.ToJsonAny(again));
    }

    [Fact]
    public void ReluVariantDiffersOnlyInActivationAndName()
    {
        var tanh = FitExperiment.LoadFile(Path.Combine(RepoPaths.Experiments, "fprinciple-1d.json"));
        var relu = FitExperiment.LoadFile(Path.Combine(RepoPaths.Experiments, "fprinciple-1d-relu.json"));
        Assert.Equal(Activation.Relu, relu.Model.Activation);
        Assert.Equal(tanh with { Name = relu.Name, Model = tanh.Model with { Activation = Activation.Relu } }, relu);
    }

    [Fact]
    public void Cifar10CnnFilteringMatchesThePaperSetting()
    {
        var c = (ClassifyExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, "cifar10-cnn-filtering.json"));
        Assert.Equal("cifar10", c.Data.Dataset);
        Assert.Equal(5000, c.Data.Train.Count);
        Assert.Equal(FreqScope.Data.PixelNormalization.Scale01, c.Data.Normalization);
        Assert.Equal(ClassifierKind.Cnn, c.Model.Kind);
        Assert.Equal(OptimizerKind.Sgd, c.Training.Optimizer);
        Assert.True(c.Training.Nesterov);
        Assert.Equal(0.9, c.Training.Momentum);
        Assert.Equal(1e-3, c.Training.LearningRate);
        Assert.Equal(50, c.Training.BatchSize);
        var deltas = c.Probe.Filtering!.Deltas;
        Assert.Equal(2, deltas.Min());
        Assert.Equal(100, deltas.Max());
    }

    [Fact]
    public void RahamanExperimentMatchesThePaperSetup()
    {
        var c = FitExperiment.LoadFile(Path.Combine(RepoPaths.Experiments, "rahaman-spectral-dynamics.json"));
        Assert.Equal(FrequencyUnit.Cycles, c.Target.FrequencyUnit);
        Assert.Equal(Enumerable.Range(1, 10).Select(k => 5.0 * k), c.Target.Terms.Select(t => t.Frequency));
        Assert.All(c.Target.Terms, t =>
        {
            Assert.Equal(1, t.Amplitude);
            Assert.InRange(t.Phase, 0, 2 * Math.PI);
            Assert.NotEqual(2 * Math.PI, t.Phase);
        });
        Assert.Equal(10, c.Target.Terms.Select(t => t.Phase).Distinct().Count());
        Assert.Equal((0.0, 1.0), (c.Data.DomainMin, c.Data.DomainMax));
        Assert.Equal(new TrainGridConfig { Sampling = Sampling.Uniform, Count = 200, IncludeEndpoint = false }, c.Data.Train);
        Assert.Equal(new EvalGridConfig { Count = 200, IncludeEndpoint = false }, c.Data.Eval);
        Assert.Equal(Enumerable.Repeat(256, 6), c.Model.Hidden);
        Assert.Equal(Activation.Relu, c.Model.Activation);
        Assert.Equal(InitDistribution.Default, c.Model.WeightInit.Distribution);
        Assert.Equal(InitDistribution.Default, c.Model.BiasInit.Distribution);
        Assert.Equal(OptimizerKind.Adam, c.Training.Optimizer);
        Assert.Equal(3e-4, c.Training.LearningRate);
        Assert.Null(c.Training.BatchSize);
        Assert.Equal(30000, c.Training.Steps);
        Assert.Equal(100, c.Probe.Every);
    }
}
