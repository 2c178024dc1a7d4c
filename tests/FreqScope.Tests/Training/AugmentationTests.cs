using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using FreqScope.Experiments.Classify;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class AugmentationTests
{
    public AugmentationTests() => NativeLoader.EnsureLoaded();

    private static Tensor Images(int n) => arange(n * 2 * 5 * 6, dtype: float32).reshape(n, 2, 5, 6) + 1;

    [Fact]
    public void AFlippedImageIsItsMirrorAndTheOthersAreUntouched()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var x = Images(64);
        var y = Augmentation.Apply(x, new AugmentConfig { Flip = true });
        int flipped = 0;
        for (int i = 0; i < 64; i++)
        {
            bool same = y[i].eq(x[i]).all().item<bool>();
            bool mirror = y[i].eq(x[i].flip(2)).all().item<bool>();
            Assert.True(same ^ mirror, $"image {i}");
            if (mirror) flipped++;
        }

        Assert.InRange(flipped, 16, 48);
    }

    [Fact]
    public void ACropIsATranslationWithZeroFill()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var x = Images(20);
        var y = Augmentation.Apply(x, new AugmentConfig { Crop = 2 });
        Assert.Equal(x.shape, y.shape);
        for (int i = 0; i < 20; i++)
        {
            // Some shift (dy, dx) in −2 … 2 maps the padded image onto the crop.
            bool found = false;
            for (int dy = -2; dy <= 2 && !found; dy++)
                for (int dx = -2; dx <= 2 && !found; dx++)
                {
                    var padded = nn.functional.pad(x[i], [2, 2, 2, 2]);
                    found = padded.narrow(1, 2 + dy, 5).narrow(2, 2 + dx, 6).eq(y[i]).all().item<bool>();
                }

            Assert.True(found, $"image {i} is not a shifted copy");
        }
    }

    [Fact]
    public void CutoutZeroesOneSquarePerImageAtMost()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var x = Images(30);
        var y = Augmentation.Apply(x, new AugmentConfig { Cutout = 2 });
        for (int i = 0; i < 30; i++)
        {
            // The inputs are all ≥ 1, so zeros mark the cut square: at most 2×2 pixels per channel, the same in both channels, and the rest unchanged.
            var zeros = y[i].eq(0);
            long count = zeros.sum().item<long>();
            Assert.InRange(count, 2, 8);
            Assert.True(zeros[0].eq(zeros[1]).all().item<bool>());
            Assert.True(where(zeros, zeros_like(x[i]), x[i]).eq(y[i]).all().item<bool>());
        }
    }

    [Fact]
    public void TheConfigKeyReadsAndRoundTrips()
    {
        const string json = """
            { "experiment": "classify", "data": { "dataset": "mnist" }, "model": { "kind": "mlp", "hidden": [8] },
              "training": { "epochs": 1, "augment": { "flip": true, "crop": 2, "cutout": 8 } }, "probe": { "filtering": { "deltas": [1] } } }
            """;
        var c = (ClassifyExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        Assert.Equal(new AugmentConfig { Flip = true, Crop = 2, Cutout = 8 }, c.Training.Augment);
        Assert.Equal(c, ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(c), "again"));
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json.Replace("\"crop\": 2", "\"crop\": -1", StringComparison.Ordinal), "c.json"));
        Assert.Contains("$.training.augment.crop", e.Message);
    }
}
