using FreqScope.Core.Config;
using FreqScope.Data;
using FreqScope.Experiments;
using FreqScope.Experiments.Classify;

namespace FreqScope.Tests.Data;

public sealed class LabelNoiseTests
{
    [Fact]
    public void TheFlipRateFollowsTheSinusoidAlongTheCoordinate()
    {
        // 200 000 images evenly spread along φ ∈ [0, 1], f = 2 cycles, A′ = 0.25: in each eighth of the range the
        // observed flip rate matches the mean of A′(1 + sin 2πfφ) there.
        const int n = 200_000;
        var labels = Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        var phi = Enumerable.Range(0, n).Select(i => i / (double)(n - 1)).ToArray();
        var (noisy, changed) = LabelNoise.Apply(labels, 10, phi, 0.25, 2, 5);
        Assert.Equal(Enumerable.Range(0, n).Count(i => noisy[i] != labels[i]), changed);
        Assert.InRange(changed / (double)n, 0.24, 0.26);
        for (int b = 0; b < 8; b++)
        {
            int start = b * n / 8, end = (b + 1) * n / 8;
            double observed = Enumerable.Range(start, end - start).Count(i => noisy[i] != labels[i]) / (double)(end - start);
            double expected = Enumerable.Range(start, end - start).Average(i => LabelNoise.Probability(0.25, 2, phi[i]));
            Assert.True(Math.Abs(observed - expected) < 0.01, $"eighth {b}: observed {observed}, expected {expected}");
        }

        Assert.All(Enumerable.Range(0, n), i => Assert.InRange(noisy[i], (byte)0, (byte)9));
    }

    [Fact]
    public void ItIsDeterministicAndRejectsBadInput()
    {
        var labels = new byte[] { 0, 1, 2, 3, 4, 5 };
        double[] phi = [0, 0.2, 0.4, 0.6, 0.8, 1];
        Assert.Equal(LabelNoise.Apply(labels, 6, phi, 0.5, 1, 3).Labels, LabelNoise.Apply(labels, 6, phi, 0.5, 1, 3).Labels);
        Assert.Throws<ArgumentException>(() => LabelNoise.Apply(labels, 6, phi, 0.6, 1, 3));
        Assert.Throws<ArgumentException>(() => LabelNoise.Apply(labels, 6, [1, 1, 1, 1, 1, 1], 0.2, 1, 3));
        Assert.Throws<ArgumentException>(() => LabelNoise.Apply(labels, 1, phi, 0.2, 1, 3));
    }

    [Fact]
    public void TheConfigKeyReadsRoundTripsAndRejectsBadValues()
    {
        const string json = """
            { "experiment": "classify", "data": { "dataset": "mnist", "labelNoise": { "amplitude": 0.2, "frequency": 4, "along": "projection" } },
              "model": { "kind": "mlp", "hidden": [8] }, "training": { "epochs": 1 }, "probe": { "filtering": { "deltas": [1] } } }
            """;
        var c = (ClassifyExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        Assert.Equal(new LabelNoiseConfig { Amplitude = 0.2, Frequency = 4, Along = LabelNoiseCoordinate.Projection }, c.Data.LabelNoise);
        Assert.Equal(c, ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(c), "again"));
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json.Replace("0.2", "0.7", StringComparison.Ordinal), "c.json"));
        Assert.Contains("$.data.labelNoise.amplitude", e.Message);
        Assert.Contains("(0, 0.5]", e.Message);
    }
}
