using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Theory;
using FreqScope.Experiments.Fit1d;

namespace FreqScope.Tests.Theory;

[Collection(TorchCollection.Name)]
public sealed class OneHiddenLayerTheoryTests
{
    private static ModelConfig Model(Activation activation = Activation.Tanh, InitConfig? weightInit = null, int width = 50, int layers = 1) => new()
    {
        Hidden = [.. Enumerable.Repeat(width, layers)],
        Activation = activation,
        WeightInit = weightInit ?? new InitConfig(),
    };

    [Fact]
    public void ThePredictedStepOfTheLowestPeakIsItsMeasuredStep()
    {
        double[] k = [5, 1, 3]; // the lowest peak need not come first
        foreach (Activation activation in new[] { Activation.Tanh, Activation.Relu, Activation.Gelu })
        {
            IReadOnlyList<PeakPrediction> p = OneHiddenLayerTheory.Predict(activation, FirstLayerWeights.Uniform(1), k, 130);
            Assert.Equal(130.0, p[1].PredictedStep);
            Assert.Equal(0.0, p[1].Log10RelativePriority);
            Assert.True(p[1].PredictedStep < p[2].PredictedStep && p[2].PredictedStep < p[0].PredictedStep, $"{activation}: {string.Join(", ", p)}");
        }
    }

    [Fact]
    public void ReluPredictionsGrowLikeKToTheFourth()
    {
        IReadOnlyList<PeakPrediction> p = OneHiddenLayerTheory.Predict(Activation.Relu, FirstLayerWeights.Normal(0.3), [1, 3, 5], 40);
        Assert.Equal(40 * 81.0, p[1].PredictedStep!.Value, 1e-6 * 40 * 81);
        Assert.Equal(40 * 625.0, p[2].PredictedStep!.Value, 1e-6 * 40 * 625);
        Assert.Equal(1 / 625.0, p[2].RelativePriority, 1e-9);
    }

    [Fact]
    public void WithoutAnAnchorThereAreNoStepsButStillRelativePriorities()
    {
        IReadOnlyList<PeakPrediction> p = OneHiddenLayerTheory.Predict(Activation.Tanh, FirstLayerWeights.Normal(0.0707), [1, 5], null);
        Assert.All(p, x => Assert.Null(x.PredictedStep));
        Assert.True(p[1].Log10RelativePriority < -10, $"log10 P(5)/P(1) = {p[1].Log10RelativePriority}");
        // Anchored, a prediction beyond the double range is null rather than infinite.
        IReadOnlyList<PeakPrediction> far = OneHiddenLayerTheory.Predict(Activation.Tanh, FirstLayerWeights.Normal(0.01), [1, 200], 10);
        Assert.Null(far[1].PredictedStep);
        Assert.True(double.IsFinite(far[1].Log10RelativePriority));
    }

    [Fact]
    public void SpearmanRanksPredictedAgainstMeasuredWithNeverConvergedLast()
    {
        IReadOnlyList<PeakPrediction> p = OneHiddenLayerTheory.Predict(Activation.Tanh, FirstLayerWeights.Uniform(1), [1, 3, 5], 100);
        Assert.Equal(1.0, OneHiddenLayerTheory.Spearman(p, [100, 200, 300]));
        Assert.Equal(1.0, OneHiddenLayerTheory.Spearman(p, [100, 200, null]));
        Assert.Equal(-1.0, OneHiddenLayerTheory.Spearman(p, [300, 200, 100]));
        Assert.Null(OneHiddenLayerTheory.Spearman(p, [null, null, null]));
    }

    [Fact]
    public void FirstLayerWeightsFollowTheInitConfig()
    {
        Assert.Equal(FirstLayerWeights.Uniform(1), OneHiddenLayerTheory.FirstLayerWeightsOf(Model()));
        var scaled = OneHiddenLayerTheory.FirstLayerWeightsOf(Model(weightInit: new InitConfig { Distribution = InitDistribution.Normal, Scale = new(200, 0.5) }));
        Assert.Equal(FirstLayerWeightsKind.Normal, scaled.Kind);
        Assert.Equal(Math.Pow(200, -0.5), scaled.Std, 1e-15);
        Assert.Equal(Math.Sqrt(3) * 0.2, OneHiddenLayerTheory.FirstLayerWeightsOf(Model(weightInit: new InitConfig { Distribution = InitDistribution.Uniform, Std = 0.2 })).Bound!.Value, 1e-15);
        Assert.Equal(Math.Sqrt(6.0 / 51), OneHiddenLayerTheory.FirstLayerWeightsOf(Model(weightInit: new InitConfig { Distribution = InitDistribution.XavierUniform })).Bound!.Value, 1e-15);
        Assert.Equal(2 * Math.Sqrt(2), OneHiddenLayerTheory.FirstLayerWeightsOf(Model(weightInit: new InitConfig { Distribution = InitDistribution.KaimingNormal, Gain = 2 })).Std, 1e-15);
        Assert.Equal(Math.Sqrt(6), OneHiddenLayerTheory.FirstLayerWeightsOf(Model(weightInit: new InitConfig { Distribution = InitDistribution.KaimingUniform })).Bound!.Value, 1e-15);
        Assert.Contains("U(−1, 1)", OneHiddenLayerTheory.DescribeFirstLayerInit(Model()));
        Assert.Throws<NotSupportedException>(() => OneHiddenLayerTheory.FirstLayerWeightsOf(Model(weightInit: new InitConfig { Distribution = InitDistribution.Zeros })));
    }

    [Theory]
    [InlineData(InitDistribution.Default)]
    [InlineData(InitDistribution.XavierNormal)]
    [InlineData(InitDistribution.KaimingUniform)]
    public void FirstLayerWeightsMatchWhatTheInitializerDraws(InitDistribution distribution)
    {
        NativeLoader.EnsureLoaded();
        ModelConfig model = Model(weightInit: new InitConfig { Distribution = distribution }, width: 20_000);
        FirstLayerWeights expected = OneHiddenLayerTheory.FirstLayerWeightsOf(model);
        TorchSharp.torch.manual_seed(3);
        using var mlp = new Mlp(1, model.Hidden, 1, model.Activation);
        Initializer.Apply(mlp, model.WeightInit, model.BiasInit);
        float[] w = mlp.Layers[0].weight!.data<float>().ToArray();
        double std = Math.Sqrt(w.Average(x => (double)x * x));
        Assert.True(Math.Abs(std / expected.Std - 1) < 0.02, $"{distribution}: drawn std {std}, expected {expected}");
        if (expected.Bound is double b)
        {
            Assert.True(w.Max(Math.Abs) <= b * (1 + 1e-6), $"{distribution}: |w| up to {w.Max(Math.Abs)} > {b}");
            Assert.True(w.Max(Math.Abs) > 0.99 * b, $"{distribution}: |w| only up to {w.Max(Math.Abs)}, bound {b}");
        }
    }

    [Fact]
    public void SummarizeConvertsCyclesToAngularAndLabelsDeepNetworks()
    {
        PeakSummary[] peaks =
        [
            new(0, 0.0, 0.3, 10, 10),   // a DC peak: left out
            new(1, 0.5, 1.0, 120, 120),
            new(3, 1.5, 1.0, 400, 400),
            new(5, 2.5, 1.0, null, null),
        ];
        TheorySummary t = FitTheory.Summarize(Model(layers: 3), peaks);
        Assert.Null(t.Skipped);
        Assert.Equal("one-hidden-layer", t.Prediction);
        Assert.Equal(3, t.HiddenLayers);
        Assert.Equal("tanh", t.Activation);
        Assert.Equal("uniform", t.FirstLayerWeights!.Distribution);
        Assert.Equal(1.0, t.FirstLayerWeights.Bound);
        Assert.Equal(1, t.AnchorIndex);
        Assert.Equal([1, 3, 5], t.Peaks.Select(p => p.Index));
        Assert.Equal(2 * Math.PI * 1.5, t.Peaks[1].AngularFrequency, 1e-12);
        Assert.Equal(120.0, t.Peaks[0].PredictedStep);
        Assert.Equal([120L, 400L, null], t.Peaks.Select(p => p.MeasuredStep));
        Assert.Equal(1.0, t.Spearman);
    }

    [Fact]
    public void SummarizeSkipsSinAndZeroWeightsWithAReason()
    {
        PeakSummary[] peaks = [new(1, 0.5, 1.0, 120, 120)];
        TheorySummary sin = FitTheory.Summarize(Model(Activation.Sin), peaks);
        Assert.Contains("line spectrum", sin.Skipped);
        Assert.Empty(sin.Peaks);
        Assert.Null(sin.FirstLayerWeights);
        Assert.Contains("zero", FitTheory.Summarize(Model(weightInit: new InitConfig { Distribution = InitDistribution.Zeros }), peaks).Skipped);
        Assert.Contains("non-zero frequency", FitTheory.Summarize(Model(), [new(0, 0.0, 1.0, 5, 5)]).Skipped);
    }
}
