using System.Text.Json.Nodes;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Sweeps;

/// <summary>
/// The numbers and the sentence a sweep report is built on: swept values as axis positions and labels, log axes only
/// for positive values spanning a decade, seeds aggregated (mean, n − 1 standard deviation, range), and a headline that
/// says "rises"/"falls" only for a strictly monotone trend over numeric values and says when the change is within the
/// spread across seeds.
/// </summary>
public sealed class SweepAnalysisTests
{
    private static SweepManifest Manifest(string[] keys, string metric, params (string[] Values, double? Y)[] members) => new()
    {
        Name = "s",
        Experiment = "classify",
        Mode = SweepModes.Grid,
        Keys = keys,
        Smoke = false,
        Metrics = [metric],
        Config = new JsonObject(),
        Members = [.. members.Select((m, i) => new SweepMemberRecord
        {
            Name = $"s-{i:000}",
            Label = string.Join(",", m.Values),
            Values = keys.Select((k, j) => (k, m.Values[j])).ToDictionary(p => p.k, p => p.Item2),
            Status = "finished",
            Metrics = new Dictionary<string, double?> { [metric] = m.Y },
        })],
    };

    [Fact]
    public void SweptValuesBecomeNumbersAndReadableLabels()
    {
        Assert.Equal(256, SweepAnalysis.Number("[256, 256]"));
        Assert.Null(SweepAnalysis.Number("[100, 100, 100, 50]"));
        Assert.Null(SweepAnalysis.Number("\"relu\""));
        Assert.Equal(0.01, SweepAnalysis.Number("0.01"));
        Assert.Equal("1e-4", SweepAnalysis.Label("0.0001"));
        Assert.Equal("100-100-100-50", SweepAnalysis.Label("[100, 100, 100, 50]"));
        Assert.Equal("relu", SweepAnalysis.Label("\"relu\""));
        Assert.Equal("0.05", SweepAnalysis.Label("0.05"));
        Assert.Equal("2.5e6", SweepAnalysis.Label("2500000"));
    }

    [Fact]
    public void ALogAxisNeedsPositiveValuesSpanningADecade()
    {
        Assert.Equal(AxisScale.Log, SweepAnalysis.Scale(["0.05", "0.1", "0.3", "1", "2", "4"]));
        Assert.Equal(AxisScale.Log, SweepAnalysis.Scale(["[64, 64]", "[256, 256]", "[1024, 1024]"]));
        Assert.Equal(AxisScale.Linear, SweepAnalysis.Scale(["0.1", "0.3", "0.5"]));
        // A weight decay of 0 among decades: evenly spaced in order, never a log axis with 0 left out.
        Assert.Equal(AxisScale.Categorical, SweepAnalysis.Scale(["0", "0.0001", "0.001", "0.01"]));
        Assert.Equal(AxisScale.Categorical, SweepAnalysis.Scale(["\"tanh\"", "\"relu\""]));
        Assert.Equal(AxisScale.Categorical, SweepAnalysis.Scale(["[100, 100, 100, 50]", "[200, 200, 200, 100]"]));
    }

    [Fact]
    public void SeedsAreAggregatedWithTheSampleStandardDeviation()
    {
        var manifest = Manifest(["model.hidden", "seed"], "finalTestLoss",
            (["[64]", "0"], 1), (["[64]", "1"], 2), (["[64]", "2"], 3),
            (["[256]", "0"], 5), (["[256]", "1"], 7));
        var points = SweepAnalysis.Points(manifest, "finalTestLoss", SweepAnalysis.ConditionKeys(manifest));

        Assert.Equal(["model.hidden"], SweepAnalysis.ConditionKeys(manifest));
        var narrow = points.Single(p => p.Condition[0] == "[64]");
        Assert.Equal(2, narrow.Mean, 12);
        Assert.Equal(1, narrow.Sd!.Value, 12);
        var wide = points.Single(p => p.Condition[0] == "[256]");
        Assert.Equal(6, wide.Mean, 12);
        Assert.Null(wide.Sd);
        Assert.Equal((5, 7), (wide.Min, wide.Max));
        Assert.Equal("6 (5–7)", SweepAnalysis.Spread(wide));
        Assert.Equal("2 ± 1", SweepAnalysis.Spread(narrow));
    }

    [Fact]
    public void TheHeadlineStatesAStrictTrendAcrossSeeds()
    {
        var manifest = Manifest(["model.hidden", "seed"], "paths.between.highFrequencyPower",
            (["[64, 64]", "0"], 0.0054), (["[64, 64]", "1"], 0.0055),
            (["[256, 256]", "0"], 0.0064), (["[256, 256]", "1"], 0.0065),
            (["[1024, 1024]", "0"], 0.0077), (["[1024, 1024]", "1"], 0.0078));

        Assert.Equal("paths.between.highFrequencyPower rises from 0.00545 to 0.00775 as model.hidden goes 64-64 → 1024-1024 (mean of 2 seeds each).",
            SweepAnalysis.Headline(manifest));
    }

    [Fact]
    public void TheHeadlineNamesNoDirectionForANonMonotoneSweep()
    {
        var manifest = Manifest(["model.weightInit.std"], "spectralBiasIndex",
            (["0.05"], 0.2), (["0.3"], 0.9), (["2"], 0.1));

        Assert.Equal("spectralBiasIndex is not monotone in model.weightInit.std: lowest 0.1 at 2, highest 0.9 at 0.3 (0.05 → 2).",
            SweepAnalysis.Headline(manifest));
    }

    [Fact]
    public void AChangeWithinTheSpreadOfSeedsIsSaidToBe()
    {
        var manifest = Manifest(["training.weightDecay", "seed"], "finalTestAccuracy",
            (["0", "0"], 0.80), (["0", "1"], 0.86), (["0", "2"], 0.83),
            (["0.001", "0"], 0.82), (["0.001", "1"], 0.88), (["0.001", "2"], 0.85));

        Assert.Equal("finalTestAccuracy rises from 0.83 to 0.85 as training.weightDecay goes 0 → 0.001 (mean of 3 seeds each); the change is within the spread across seeds.",
            SweepAnalysis.Headline(manifest));
    }

    [Fact]
    public void ASweepOfSeedsAloneGivesTheMeanAndSpread()
    {
        var manifest = Manifest(["seed"], "spectralBiasIndex", (["0"], 1), (["1"], 0.8), (["2"], 0.9));

        Assert.Empty(SweepAnalysis.ConditionKeys(manifest));
        Assert.Equal("spectralBiasIndex: 0.9 ± 0.1 over 3 seeds.", SweepAnalysis.Headline(manifest));
    }
}
