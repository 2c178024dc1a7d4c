namespace FreqScope.Core;

/// <summary>A fully connected network 1 → Hidden[0] → … → Hidden[^1] → 1 (reading γ(x) when <see cref="Encoding"/> is set). Equality compares <see cref="Hidden"/> element by element.</summary>
public sealed record ModelConfig
{
    /// <summary>Hidden layer widths (1 to 64 layers, each ≥ 1).</summary>
    public required IReadOnlyList<int> Hidden { get; init; }

    /// <summary>Nonlinearity after each hidden layer. Default tanh.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Initialization of every layer's weights. Default PyTorch's.</summary>
    public InitConfig WeightInit { get; init; } = new();

    /// <summary>Initialization of every layer's biases. Default PyTorch's.</summary>
    public InitConfig BiasInit { get; init; } = new();

    /// <summary>The input encoding γ(x) the MLP reads. Default none (the MLP reads x).</summary>
    public EncodingConfig Encoding { get; init; } = new();

    /// <inheritdoc />
    public bool Equals(ModelConfig? other) =>
        other is not null
        && Hidden.SequenceEqual(other.Hidden)
        && Activation == other.Activation
        && WeightInit == other.WeightInit
        && BiasInit == other.BiasInit
        && Encoding == other.Encoding;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var width in Hidden) hash.Add(width);
        hash.Add(Activation);
        hash.Add(WeightInit);
        hash.Add(BiasInit);
        hash.Add(Encoding);
        return hash.ToHashCode();
    }
}
