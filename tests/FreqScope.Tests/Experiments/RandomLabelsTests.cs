using FreqScope.Core.Config;
using FreqScope.Data;
using FreqScope.Experiments;
using FreqScope.Experiments.Classify;

namespace FreqScope.Tests.Experiments;

public sealed class RandomLabelsTests
{
    private static ImageDataset Dataset(int n)
    {
        var labels = Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        return new ImageDataset("t", 1, 2, 2, new float[n * 4], labels);
    }

    [Fact]
    public void AllLabelsRandomisedAgreeWithTheTrueOnesAboutOneTimeInTen()
    {
        var train = Dataset(5000);
        var random = ClassifyExperiment.Prepared.RandomizeLabels(train, 1, 7);
        double same = Enumerable.Range(0, 5000).Count(i => random.Labels[i] == train.Labels[i]) / 5000.0;
        Assert.InRange(same, 0.08, 0.12);
        Assert.All(random.CountPerClass(), c => Assert.InRange(c, 400, 600));
        Assert.Equal(random.Labels, ClassifyExperiment.Prepared.RandomizeLabels(train, 1, 7).Labels);
        Assert.NotEqual(random.Labels, ClassifyExperiment.Prepared.RandomizeLabels(train, 1, 8).Labels);
        Assert.Same(train.Pixels, random.Pixels);
    }

    [Fact]
    public void AFractionChangesAtMostThatManyLabels()
    {
        var train = Dataset(1000);
        var half = ClassifyExperiment.Prepared.RandomizeLabels(train, 0.3, 1);
        int changed = Enumerable.Range(0, 1000).Count(i => half.Labels[i] != train.Labels[i]);
        Assert.InRange(changed, 240, 300); // 300 drawn, about a tenth of them the true label again
        Assert.Same(train, ClassifyExperiment.Prepared.RandomizeLabels(train, 0, 1));
    }

    [Fact]
    public void TheConfigKeyIsValidatedAndRoundTrips()
    {
        const string json = """
            { "experiment": "classify", "data": { "dataset": "mnist", "randomLabels": 0.5 }, "model": { "kind": "mlp", "hidden": [8] },
              "training": { "epochs": 1 }, "probe": { "filtering": { "deltas": [1] } } }
            """;
        var c = (ClassifyExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        Assert.Equal(0.5, c.Data.RandomLabels);
        Assert.Equal(c, ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(c), "again"));
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json.Replace("0.5", "1.5", StringComparison.Ordinal), "c.json"));
        Assert.Contains("$.data.randomLabels", e.Message);
        Assert.Contains("a fraction in [0, 1]", e.Message);
    }
}
