using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using static TorchSharp.torch;

namespace FreqScope.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class FilterCnnTests
{
    public FilterCnnTests() => NativeLoader.EnsureLoaded();

    [Theory]
    [InlineData(1, 28, 28, 10)]
    [InlineData(3, 32, 32, 10)]
    [InlineData(3, 9, 12, 4)]
    public void OutputShapeAndParameterCountFollowTheArchitecture(int c, int h, int w, int classes)
    {
        manual_seed(0);
        using var net = new FilterCnn(c, h, w, classes);
        using var x = randn(2, c, h, w);
        using var y = net.forward(x);
        Assert.Equal([2L, classes], y.shape);
        // conv C→32 3×3, conv 32→64 3×3, Linear(64·⌊(H−4)/2⌋·⌊(W−4)/2⌋ → 400), Linear(400 → classes); weights + biases.
        long flat = 64L * ((h - 4) / 2) * ((w - 4) / 2);
        long expected = (32 * c * 9 + 32) + (64 * 32 * 9 + 64) + (flat * 400 + 400) + (400L * classes + classes);
        Assert.Equal(expected, net.ParameterCount);
        Assert.Equal(flat, net.FlatFeatures);
    }

    [Fact]
    public void KnownParameterCountsForMnistAndCifar()
    {
        // 28×28: 64·12·12 = 9216 features; 32×32: 64·14·14 = 12544 features.
        using var mnist = new FilterCnn(1, 28, 28, 10);
        using var cifar = new FilterCnn(3, 32, 32, 10);
        Assert.Equal(320 + 18_496 + 3_686_800 + 4_010, mnist.ParameterCount);
        Assert.Equal(896 + 18_496 + 5_018_000 + 4_010, cifar.ParameterCount);
    }

    [Fact]
    public void ForwardIsTheComposedLayersOfItsDefinition()
    {
        manual_seed(1);
        using var net = new FilterCnn(2, 8, 10, 3);
        using var scope = NewDisposeScope();
        var x = randn(4, 2, 8, 10);
        var p = net.named_parameters().ToDictionary(t => t.name, t => (Tensor)t.parameter);
        var h = nn.functional.conv2d(x, p["_conv1.weight"], p["_conv1.bias"]).relu();
        h = nn.functional.conv2d(h, p["_conv2.weight"], p["_conv2.bias"]).relu();
        h = nn.functional.max_pool2d(h, 2).flatten(1);
        h = nn.functional.linear(h, p["_fc1.weight"], p["_fc1.bias"]).relu();
        var expected = nn.functional.linear(h, p["_fc2.weight"], p["_fc2.bias"]);
        Assert.True(net.forward(x).allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TooSmallImagesAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new FilterCnn(1, 5, 28, 10));
        Assert.Contains("6×6", e.Message);
    }
}
