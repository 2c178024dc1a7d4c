using FreqScope.Core;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>
/// Initializes a network's weights and biases as an <see cref="InitConfig"/> says. "default" keeps PyTorch's
/// nn.Linear initialization (Kaiming-uniform weights with a = √5, biases U(−1/√fan_in, 1/√fan_in)).
/// "normal" draws N(0, σ²) and "uniform" draws U(−σ√3, σ√3) (variance σ²), with σ = std or m^(−t).
/// Xavier and Kaiming use the layer's fan-in and fan-out and <see cref="InitConfig.Gain"/>; for biases
/// (which have no fan) they use the fan-in of the layer's weight.
/// </summary>
public static class Initializer
{
    public static void Apply(Mlp model, InitConfig weights, InitConfig biases)
    {
        using var _ = no_grad();
        foreach (var layer in model.Layers)
        {
            Init(layer.weight!, weights, layer.in_features, layer.out_features);
            if (layer.bias is not null) Init(layer.bias, biases, layer.in_features, layer.out_features);
        }
    }

    private static void Init(Tensor t, InitConfig c, long fanIn, long fanOut)
    {
        switch (c.Distribution)
        {
            case InitDistribution.Default:
                return;
            case InitDistribution.Zeros:
                t.zero_();
                return;
            case InitDistribution.Normal:
                t.normal_(0, c.ResolvedStd);
                return;
            case InitDistribution.Uniform:
                double a = c.ResolvedStd * Math.Sqrt(3);
                t.uniform_(-a, a);
                return;
            case InitDistribution.XavierNormal:
                t.normal_(0, c.Gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
                return;
            case InitDistribution.XavierUniform:
                double xb = c.Gain * Math.Sqrt(6.0 / (fanIn + fanOut));
                t.uniform_(-xb, xb);
                return;
            case InitDistribution.KaimingNormal:
                t.normal_(0, c.Gain * Math.Sqrt(2.0 / fanIn));
                return;
            case InitDistribution.KaimingUniform:
                double kb = c.Gain * Math.Sqrt(6.0 / fanIn);
                t.uniform_(-kb, kb);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Distribution, "unknown initialization");
        }
    }
}
