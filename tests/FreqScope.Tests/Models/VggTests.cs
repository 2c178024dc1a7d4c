using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using static TorchSharp.torch;

namespace FreqScope.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class VggTests
{
    public VggTests() => NativeLoader.EnsureLoaded();

    // Configuration D's convolutions (in → out channels) for a 3-channel input.
    private static readonly (int In, int Out)[] Vgg16Convs =
    [
        (3, 64), (64, 64),
        (64, 128), (128, 128),
        (128, 256), (256, 256), (256, 256),
        (256, 512), (512, 512), (512, 512),
        (512, 512), (512, 512), (512, 512),
    ];

    [Fact]
    public void Vgg16ParameterCountIsConvolutionsPlusClassifier()
    {
        using var net = new Vgg(16, 1.0, false, 3, 32, 32, 10);
        long convs = Vgg16Convs.Sum(c => 9L * c.In * c.Out + c.Out);
        long classifier = 512 * 10 + 10;
        Assert.Equal(convs + classifier, net.ParameterCount);
        Assert.Equal(14_719_818, net.ParameterCount);
        Assert.Equal(Vgg16Convs.Select(c => c.Out), net.ConvChannels);
        Assert.Equal(5, net.PoolCount);
    }

    [Fact]
    public void BatchNormAddsFourNumbersPerChannelOfWhichTwoAreTrainable()
    {
        using var plain = new Vgg(16, 1.0, false, 3, 32, 32, 10);
        using var bn = new Vgg(16, 1.0, true, 3, 32, 32, 10);
        long channels = Vgg16Convs.Sum(c => (long)c.Out);
        Assert.Equal(plain.ParameterCount + 2 * channels, bn.ParameterCount);
        Assert.Equal(14_728_266, bn.ParameterCount); // kuangliu/pytorch-cifar's VGG16
        long stats = bn.named_buffers().Where(b => b.name.EndsWith("running_mean") || b.name.EndsWith("running_var")).Sum(b => b.buffer.numel());
        Assert.Equal(2 * channels, stats);
        Assert.Empty(plain.named_buffers());
    }

    [Fact]
    public void Vgg11OnMnistSizedInputsSkipsTheFifthPool()
    {
        manual_seed(0);
        using var net = new Vgg(11, 0.25, true, 1, 28, 28, 10);
        using var x = randn(3, 1, 28, 28);
        using var y = net.forward(x);
        Assert.Equal([3L, 10], y.shape);
        Assert.Equal(4, net.PoolCount); // 28 → 14 → 7 → 3 → 1
        Assert.Equal([16, 32, 64, 64, 128, 128, 128, 128], net.ConvChannels);
    }

    [Fact]
    public void WidthMultiplierRoundsChannelCountsAndKeepsAtLeastOne()
    {
        using var tenth = new Vgg(11, 0.1, false, 3, 32, 32, 10);
        // round(6.4) = 6, round(12.8) = 13, round(25.6) = 26, round(51.2) = 51.
        Assert.Equal([6, 13, 26, 26, 51, 51, 51, 51], tenth.ConvChannels);
        using var tiny = new Vgg(11, 0.001, false, 3, 32, 32, 10);
        Assert.All(tiny.ConvChannels, c => Assert.Equal(1, c));
        // conv weights+biases with the scaled channels, then Linear(51 → 10).
        var chans = new[] { 3, 6, 13, 26, 26, 51, 51, 51, 51 };
        long expected = Enumerable.Range(0, 8).Sum(i => 9L * chans[i] * chans[i + 1] + chans[i + 1]) + 51 * 10 + 10;
        Assert.Equal(expected, tenth.ParameterCount);
        using var x = randn(2, 3, 32, 32);
        using var y = tiny.forward(x);
        Assert.Equal([2L, 10], y.shape);
    }

    [Theory]
    [InlineData(13, 1.0, "11 or 16")]
    [InlineData(19, 1.0, "11 or 16")]
    [InlineData(11, 0.0, "width multiplier")]
    [InlineData(16, -0.5, "width multiplier")]
    [InlineData(16, double.NaN, "width multiplier")]
    [InlineData(16, double.PositiveInfinity, "width multiplier")]
    public void BadDepthOrWidthIsRejectedWithAClearMessage(int depth, double width, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new Vgg(depth, width, false, 3, 32, 32, 10));
        Assert.Contains(expected, e.Message);
    }
}
