using FreqScope.Data;

namespace FreqScope.Tests.Data;

public sealed class ImageDatasetTests
{
    private static ImageDataset Make(int count) =>
        new("d", 2, 1, 3, Enumerable.Range(0, count * 6).Select(v => (float)v).ToArray(),
            Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray(), classCount: 3);

    [Fact]
    public void SelectCopiesRowsInTheGivenOrder()
    {
        var d = Make(4);
        var s = d.Select([3, 1, 3]);
        Assert.Equal((3, 2, 1, 3, 6, 3), (s.Count, s.Channels, s.Height, s.Width, s.Features, s.ClassCount));
        Assert.Equal([0, 1, 0], s.Labels);
        Assert.Equal(Enumerable.Range(18, 6).Concat(Enumerable.Range(6, 6)).Concat(Enumerable.Range(18, 6)).Select(v => (float)v), s.Pixels);
        Assert.Equal([2, 1, 0], s.CountPerClass());
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Select([0, 4]));
    }

    [Fact]
    public void WithPixelsKeepsShapeAndLabelsAndChecksLength()
    {
        var d = Make(2);
        var values = new float[12];
        values[7] = 0.5f;
        var w = d.WithPixels(values);
        Assert.Same(d.Labels, w.Labels);
        Assert.Equal(0.5f, w.Image(1)[1]);
        var e = Assert.Throws<ArgumentException>(() => d.WithPixels(new float[11]));
        Assert.Contains("11 pixel values given; expected 12", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstructorRejectsLengthsAndLabelsThatDoNotFit()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageDataset("x", 1, 2, 2, new float[7], new byte[2]));
        Assert.Contains("7 pixel values do not fit 2 labels of 1×2×2 images; expected 8", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new ImageDataset("x", 1, 1, 1, new float[2], [0, 10]));
        Assert.Contains("label 10 of image 1 is out of range; expected 0 to 9", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ImageDataset("x", 0, 1, 1, [], []));
    }
}
