using System.Text.Json.Serialization;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>A fully connected network 1 → Hidden[0] → … → Hidden[^1] → 1 (reading γ(x) when <see cref="Encoding"/> is set).</summary>
public sealed record ModelConfig
{
    /// <summary>The most hidden layers a network may have.</summary>
    public const int MaxHiddenLayers = 64;

    /// <summary>Hidden layer widths (1 to 64 layers, each ≥ 1).</summary>
    [JsonRequired]
    [Count(1, MaxHiddenLayers, "1 to 64 layer widths")]
    [Range(1)]
    public ValueList<int> Hidden { get; init; } = [];

    /// <summary>Nonlinearity after each hidden layer. Default tanh.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Initialization of every layer's weights. Default PyTorch's.</summary>
    public InitConfig WeightInit { get; init; } = new();

    /// <summary>Initialization of every layer's biases. Default PyTorch's.</summary>
    public InitConfig BiasInit { get; init; } = new();

    /// <summary>The input encoding γ(x) the MLP reads. Default none (the MLP reads x).</summary>
    public EncodingConfig Encoding { get; init; } = new();
}
