using FreqScope.Core.Config;
using FreqScope.Data;
using FreqScope.Experiments;
using FreqScope.Experiments.Classify;

namespace FreqScope.Tests.Data;

public sealed class ImageFilterTests
{
    [Theory]
    [InlineData(0.05, 1.0)]
    [InlineData(0.125, 1.5)]
    [InlineData(0.25, 2.0)]
    public void AHorizontalSinusoidIsAttenuatedByTheKernelsResponse(double f, double sigma)
    {
        const int h = 8, w = 64;
        var pixels = new float[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) pixels[y * w + x] = (float)Math.Cos(2 * Math.PI * f * x);
        var low = ImageFilter.LowPass(pixels, 1, 1, h, w, sigma);
        // Independent response: Σ_k e^{−k²/2σ²} cos(2πfk) / Σ_k e^{−k²/2σ²} over |k| ≤ ⌈3σ⌉ (columns are constant, so the vertical pass is exact).
        int r = (int)Math.Ceiling(3 * sigma);
        double num = 0, den = 0;
        for (int k = -r; k <= r; k++)
        {
            double g = Math.Exp(-k * k / (2 * sigma * sigma));
            num += g * Math.Cos(2 * Math.PI * f * k);
            den += g;
        }

        double response = num / den;
        Assert.InRange(response, Math.Exp(-2 * Math.PI * Math.PI * sigma * sigma * f * f) - 0.02, Math.Exp(-2 * Math.PI * Math.PI * sigma * sigma * f * f) + 0.02);
        for (int x = r; x < w - r; x++)
            Assert.Equal(response * Math.Cos(2 * Math.PI * f * x), low[3 * w + x], 5);
        var high = ImageFilter.HighPass(pixels, 1, 1, h, w, sigma);
        for (int i = 0; i < pixels.Length; i++) Assert.Equal(pixels[i], low[i] + high[i], 5);
    }

    [Fact]
    public void AConstantImageIsUnchangedAndHasNoHighPassPart()
    {
        var pixels = Enumerable.Repeat(7f, 2 * 3 * 5 * 4).ToArray();
        Assert.All(ImageFilter.LowPass(pixels, 2, 3, 5, 4, 1.3), v => Assert.Equal(7f, v, 5));
        Assert.All(ImageFilter.HighPass(pixels, 2, 3, 5, 4, 1.3), v => Assert.Equal(0f, v, 5));
        Assert.Throws<ArgumentException>(() => ImageFilter.LowPass(pixels, 2, 3, 5, 5, 1));
        Assert.Throws<ArgumentException>(() => ImageFilter.LowPass(pixels, 2, 3, 5, 4, 0));
    }

    [Fact]
    public void TheConfigKeyReadsRoundTripsAndRejectsBadValues()
    {
        const string json = """
            { "experiment": "classify", "data": { "dataset": "mnist", "imageFilter": { "kind": "highPass", "sigma": 1.5 } },
              "model": { "kind": "mlp", "hidden": [8] }, "training": { "epochs": 1 }, "probe": { "filtering": { "deltas": [1] } } }
            """;
        var c = (ClassifyExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        Assert.Equal(new ImageFilterConfig { Kind = ImageFilterKind.HighPass, Sigma = 1.5 }, c.Data.ImageFilter);
        Assert.Equal(c, ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(c), "again"));
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json.Replace("1.5", "0", StringComparison.Ordinal), "c.json"));
        Assert.Contains("$.data.imageFilter.sigma", e.Message);
        var k = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json.Replace("highPass", "bandPass", StringComparison.Ordinal), "c.json"));
        Assert.Contains("$.data.imageFilter.kind", k.Message);
    }
}
