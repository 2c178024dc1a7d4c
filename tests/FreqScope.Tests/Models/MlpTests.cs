using FreqScope.Core;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using static TorchSharp.torch;

namespace FreqScope.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class MlpTests
{
    public MlpTests() => NativeLoader.EnsureLoaded();

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Sin)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.LeakyRelu)]
    public void ForwardMatchesAHandComputation(Activation activation)
    {
        using var net = new Mlp(1, [2], 1, activation);
        using (no_grad())
        {
            net.Layers[0].weight!.copy_(tensor(new float[] { 1.5f, -0.5f }).reshape(2, 1));
            net.Layers[0].bias!.copy_(tensor(new float[] { 0.1f, 0.2f }));
            net.Layers[1].weight!.copy_(tensor(new float[] { 2f, -3f }).reshape(1, 2));
            net.Layers[1].bias!.copy_(tensor(new float[] { 0.5f }));
        }
        Func<double, double> g = activation switch
        {
            Activation.Tanh => Math.Tanh,
            Activation.Relu => v => Math.Max(0, v),
            Activation.Sigmoid => v => 1 / (1 + Math.Exp(-v)),
            Activation.Sin => Math.Sin,
            Activation.Softplus => v => Math.Log(1 + Math.Exp(v)),
            Activation.LeakyRelu => v => v > 0 ? v : 0.01 * v,
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        };
        foreach (double x in new[] { -2.0, -0.3, 0.7, 1.9 })
        {
            double expected = 2 * g(1.5 * x + 0.1) - 3 * g(-0.5 * x + 0.2) + 0.5;
            using var input = tensor(new float[] { (float)x }).reshape(1, 1);
            using var output = net.forward(input);
            Assert.Equal(expected, output.item<float>(), 1e-5);
        }
    }

    [Fact]
    public void GeluMatchesItsErfDefinitionAtKnownPoints()
    {
        var f = ActivationFunctions.Get(Activation.Gelu);
        using var x = tensor(new double[] { -1, 0, 1, 2 });
        using var y = f(x);
        // x·Φ(x): Φ(1) = 0.8413447460685429, Φ(2) = 0.9772498680518208.
        Assert.Equal(new[] { -1 * (1 - 0.8413447460685429), 0, 0.8413447460685429, 2 * 0.9772498680518208 }, y.data<double>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void LayerWidthsAndParameterCountFollowTheConfig()
    {
        using var net = new Mlp(1, [200, 200, 200, 100], 1, Activation.Tanh);
        Assert.Equal([1, 200, 200, 200, 100, 1], net.Widths);
        Assert.Equal(200 + 200 + 200 * 200 + 200 + 200 * 200 + 200 + 200 * 100 + 100 + 100 + 1, net.ParameterCount);
    }
}
