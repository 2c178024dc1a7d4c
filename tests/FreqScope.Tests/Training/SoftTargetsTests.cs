using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using FreqScope.Experiments.Classify;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

/// <summary>Label smoothing and mixup: soft-target losses and the Beta draws of λ.</summary>
[Collection(TorchCollection.Name)]
public sealed class SoftTargetsTests
{
    public SoftTargetsTests() => NativeLoader.EnsureLoaded();

    [Theory]
    [InlineData(LossKind.CrossEntropy)]
    [InlineData(LossKind.Mse)]
    public void OneHotSoftTargetsGiveTheHardLoss(LossKind kind)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var outputs = randn(6, 4, dtype: float64);
        var labels = tensor(new long[] { 0, 3, 1, 2, 2, 0 });
        var hot = nn.functional.one_hot(labels, 4).to(float64);
        Assert.Equal(ClassificationLosses.Compute(outputs, labels, kind, 4).item<double>(), ClassificationLosses.ComputeSoft(outputs, hot, kind).item<double>(), 12);
    }

    [Fact]
    public void SmoothedCrossEntropyMatchesAHandComputation()
    {
        using var scope = NewDisposeScope();
        double[,] o = { { 1.0, -0.5, 2.0 }, { 0.3, 0.1, -1.2 } };
        long[] y = [2, 0];
        const double eps = 0.1;
        var outputs = tensor(new[] { 1.0, -0.5, 2.0, 0.3, 0.1, -1.2 }).reshape(2, 3);
        var soft = (nn.functional.one_hot(tensor(y), 3).to(float64) * (1 - eps)) + (eps / 3);
        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            double z = Math.Log(Enumerable.Range(0, 3).Sum(c => Math.Exp(o[i, c])));
            for (int c = 0; c < 3; c++) expected -= ((c == y[i] ? 1 - eps : 0) + eps / 3) * (o[i, c] - z);
        }

        Assert.Equal(expected / 2, ClassificationLosses.ComputeSoft(outputs, soft, LossKind.CrossEntropy).item<double>(), 12);
    }

    [Fact]
    public void TheBetaDrawsHaveTheRightMeanAndVariance()
    {
        // Beta(α, α) has mean 1/2 and variance 1/(4(2α + 1)).
        foreach (var alpha in new[] { 0.4, 2.0 })
        {
            manual_seed(3);
            var draws = Enumerable.Range(0, 20_000).Select(_ => ClassifierTrainer.SampleBeta(alpha)).ToArray();
            double mean = draws.Average(), variance = draws.Select(d => (d - mean) * (d - mean)).Average();
            Assert.InRange(mean, 0.49, 0.51);
            Assert.InRange(variance, 1 / (4 * (2 * alpha + 1)) - 0.006, 1 / (4 * (2 * alpha + 1)) + 0.006);
            Assert.All(draws, d => Assert.InRange(d, 0, 1));
        }
    }

    [Fact]
    public void TheConfigKeysAreValidatedAndRoundTrip()
    {
        const string json = """
            { "experiment": "classify", "data": { "dataset": "mnist" }, "model": { "kind": "mlp", "hidden": [8] },
              "training": { "epochs": 1, "labelSmoothing": 0.1, "mixup": 0.2 }, "probe": { "filtering": { "deltas": [1] } } }
            """;
        var c = (ClassifyExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        Assert.Equal((0.1, 0.2), (c.Training.LabelSmoothing, c.Training.Mixup));
        Assert.Equal(c, ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(c), "again"));
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json.Replace("0.1,", "1,", StringComparison.Ordinal), "c.json"));
        Assert.Contains("$.training.labelSmoothing", e.Message);
    }
}
