using FreqScope.Core;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using static TorchSharp.torch;

namespace FreqScope.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class InitializerTests
{
    public InitializerTests() => NativeLoader.EnsureLoaded();

    private static double[] Values(Tensor t) => t.detach().to(float64).reshape(-1).data<double>().ToArray();

    private static double Std(double[] v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Select(a => (a - m) * (a - m)).Sum() / (v.Length - 1));
    }

    [Fact]
    public void NormalWithScaleUsesSigmaEqualToMToTheMinusT()
    {
        manual_seed(0);
        using var net = new Mlp(1, [400, 400], 1, Activation.Tanh);
        var init = new InitConfig { Distribution = InitDistribution.Normal, Scale = new(200, 0.5) };
        Initializer.Apply(net, init, init);
        var w = Values(net.Layers[1].weight!); // 160 000 draws: the sample std is within 1% of σ
        Assert.Equal(Math.Pow(200, -0.5), Std(w), 0.01 * Math.Pow(200, -0.5));
        Assert.Equal(0, w.Average(), 3 * Math.Pow(200, -0.5) / Math.Sqrt(w.Length) * 2);
        Assert.Equal(Math.Pow(200, -0.5), Std(Values(net.Layers[1].bias!)), 0.15 * Math.Pow(200, -0.5));
    }

    [Fact]
    public void UniformWithStdHasThatVarianceAndBoundedSupport()
    {
        manual_seed(1);
        using var net = new Mlp(1, [300, 300], 1, Activation.Tanh);
        Initializer.Apply(net, new InitConfig { Distribution = InitDistribution.Uniform, Std = 0.2 }, new InitConfig { Distribution = InitDistribution.Zeros });
        var w = Values(net.Layers[1].weight!);
        Assert.Equal(0.2, Std(w), 0.01 * 0.2);
        Assert.True(w.Max() <= 0.2 * Math.Sqrt(3) && w.Max() > 0.99 * 0.2 * Math.Sqrt(3));
        Assert.All(Values(net.Layers[1].bias!), b => Assert.Equal(0, b));
    }

    [Fact]
    public void XavierAndKaimingFollowTheirFanFormulas()
    {
        manual_seed(2);
        using var net = new Mlp(1, [300, 200], 1, Activation.Relu);
        Initializer.Apply(net, new InitConfig { Distribution = InitDistribution.XavierUniform }, new InitConfig { Distribution = InitDistribution.Zeros });
        var w = Values(net.Layers[1].weight!); // fan_in 300, fan_out 200
        double bound = Math.Sqrt(6.0 / 500);
        Assert.True(w.Max() <= bound && w.Max() > 0.99 * bound);
        Assert.True(w.Min() >= -bound && w.Min() < -0.99 * bound);

        Initializer.Apply(net, new InitConfig { Distribution = InitDistribution.KaimingNormal, Gain = 0.5 }, new InitConfig { Distribution = InitDistribution.Zeros });
        Assert.Equal(0.5 * Math.Sqrt(2.0 / 300), Std(Values(net.Layers[1].weight!)), 0.02 * 0.5 * Math.Sqrt(2.0 / 300));
    }

    [Fact]
    public void DefaultKeepsPyTorchsLinearInitialization()
    {
        manual_seed(3);
        using var net = new Mlp(1, [256, 64], 1, Activation.Relu);
        Initializer.Apply(net, new InitConfig(), new InitConfig());
        var w = Values(net.Layers[1].weight!); // Kaiming-uniform with a = √5: U(−1/√fan_in, 1/√fan_in)
        double bound = 1 / Math.Sqrt(256);
        Assert.True(w.Max() <= bound && w.Max() > 0.98 * bound);
        Assert.Equal(bound / Math.Sqrt(3), Std(w), 0.03 * bound / Math.Sqrt(3));
    }
}
