using FreqScope.Data;

namespace FreqScope.Tests.Data;

public sealed class PixelNormalizerTests
{
    // Two RGB images of 1×2 pixels: channel c of image i holds [a, b].
    private static readonly ImageDataset Train = new("train", 3, 1, 2,
        [0, 255, /* G */ 51, 51, /* B */ 10, 20,
         255, 255, /* G */ 102, 0, /* B */ 30, 40], [1, 2]);

    private static readonly ImageDataset Test = new("test", 3, 1, 2, [255, 0, 51, 102, 0, 255], [3]);

    [Fact]
    public void Scale01DividesBy255AndReportsTrainStatistics()
    {
        var n = PixelNormalizer.Apply(Train, Test, PixelNormalization.Scale01);
        double[] train = [0, 1, 0.2, 0.2, 10 / 255.0, 20 / 255.0, 1, 1, 0.4, 0, 30 / 255.0, 40 / 255.0];
        double[] test = [1, 0, 0.2, 0.4, 0, 1];
        Assert.Equal(train.Length, n.Train.Pixels.Length);
        for (int i = 0; i < train.Length; i++) Assert.Equal(train[i], n.Train.Pixels[i], 6);
        for (int i = 0; i < test.Length; i++) Assert.Equal(test[i], n.Test.Pixels[i], 6);
        Assert.Equal(0.75, n.ChannelMeans[0], 12);
        Assert.Equal(Math.Sqrt(3) / 4, n.ChannelStds[0], 12); // values 0, 1, 1, 1
        Assert.Equal(0.2, n.ChannelMeans[1], 12);
        Assert.Equal(Math.Sqrt(0.02), n.ChannelStds[1], 12); // values .2 .2 .4 0
        Assert.Equal(25 / 255.0, n.ChannelMeans[2], 12);
        Assert.Equal(Math.Sqrt(125) / 255, n.ChannelStds[2], 12); // 10 20 30 40: population variance 125
        Assert.Equal(Train.Labels, n.Train.Labels);
    }

    [Fact]
    public void StandardizeUsesTrainStatisticsOnBothSets()
    {
        var n = PixelNormalizer.Apply(Train, Test, PixelNormalization.Standardize);
        double sd0 = Math.Sqrt(3) / 4, sd1 = Math.Sqrt(0.02), m2 = 25 / 255.0, sd2 = Math.Sqrt(125) / 255;
        double[] expectedTrain =
        [
            (0 - 0.75) / sd0, (1 - 0.75) / sd0, 0, 0, (10 / 255.0 - m2) / sd2, (20 / 255.0 - m2) / sd2,
            (1 - 0.75) / sd0, (1 - 0.75) / sd0, 0.2 / sd1, -0.2 / sd1, (30 / 255.0 - m2) / sd2, (40 / 255.0 - m2) / sd2,
        ];
        double[] expectedTest = [(1 - 0.75) / sd0, -0.75 / sd0, 0, 0.2 / sd1, -m2 / sd2, (1 - m2) / sd2];
        for (int i = 0; i < expectedTrain.Length; i++) Assert.Equal(expectedTrain[i], n.Train.Pixels[i], 5);
        for (int i = 0; i < expectedTest.Length; i++) Assert.Equal(expectedTest[i], n.Test.Pixels[i], 5);

        // Standardised training channels have mean 0 and population std 1.
        var again = PixelNormalizer.Apply(n.Train.WithPixels(n.Train.Pixels.Select(p => p * 255).ToArray()), Test, PixelNormalization.Scale01);
        Assert.All(again.ChannelMeans, m => Assert.Equal(0, m, 6));
        Assert.All(again.ChannelStds, s => Assert.Equal(1, s, 6));
    }

    [Fact]
    public void ConstantChannelCannotBeStandardised()
    {
        var flat = new ImageDataset("flat", 1, 1, 2, [7, 7, 7, 7], [0, 1]);
        var e = Assert.Throws<ArgumentException>(() => PixelNormalizer.Apply(flat, flat, PixelNormalization.Standardize));
        Assert.Contains("channel 0 of flat is constant", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentShapesAreRejected()
    {
        var grey = new ImageDataset("grey", 1, 1, 2, [1, 2], [0]);
        var e = Assert.Throws<ArgumentException>(() => PixelNormalizer.Apply(Train, grey, PixelNormalization.Scale01));
        Assert.Contains("train has 3×1×2 images but grey has 1×1×2", e.Message, StringComparison.Ordinal);
    }
}
