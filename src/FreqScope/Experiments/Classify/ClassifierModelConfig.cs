using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The classifier. <c>mlp</c> uses <see cref="Hidden"/>, <see cref="Activation"/>, <see cref="WeightInit"/> and
/// <see cref="BiasInit"/>; <c>vgg</c> uses <see cref="Depth"/>, <see cref="WidthMultiplier"/> and
/// <see cref="BatchNorm"/>; <c>cnn</c> has no options.
/// </summary>
[Variants("kind", Style = VariantStyle.UnknownKey)]
public sealed record ClassifierModelConfig : IConfigRules
{
    /// <summary>The network family.</summary>
    [JsonRequired]
    public ClassifierKind Kind { get; init; }

    /// <summary>MLP hidden widths (1 to 64 layers, each ≥ 1). Default [400, 200].</summary>
    [Variant("mlp")]
    [Count(1, ModelConfig.MaxHiddenLayers, "1 to 64 layer widths")]
    [Range(1)]
    public ValueList<int> Hidden { get; init; } = [400, 200];

    /// <summary>MLP nonlinearity. Default ReLU.</summary>
    [Variant("mlp")]
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>MLP weight initialization. Default PyTorch's.</summary>
    [Variant("mlp")]
    public InitConfig WeightInit { get; init; } = new();

    /// <summary>MLP bias initialization. Default PyTorch's.</summary>
    [Variant("mlp")]
    public InitConfig BiasInit { get; init; } = new();

    /// <summary>VGG depth: 11 or 16. Default 16.</summary>
    [Variant("vgg")]
    public int Depth { get; init; } = 16;

    /// <summary>VGG channel multiplier (&gt; 0; channels = max(1, round(c · w))). Default 1.</summary>
    [Variant("vgg")]
    [Range(0, 16, MinExclusive = true)]
    public double WidthMultiplier { get; init; } = 1;

    /// <summary>VGG BatchNorm after every convolution. Default false.</summary>
    [Variant("vgg")]
    public bool BatchNorm { get; init; }

    /// <summary>A VGG is 11 or 16 layers deep.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Depth is not (11 or 16) && node.Optional("depth") is { } depth) throw depth.OutOfRange("11 or 16");
    }
}
