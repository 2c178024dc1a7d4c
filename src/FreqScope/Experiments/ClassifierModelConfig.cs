using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The classifier. <c>mlp</c> uses <see cref="Hidden"/>, <see cref="Activation"/>, <see cref="WeightInit"/> and
/// <see cref="BiasInit"/>; <c>vgg</c> uses <see cref="Depth"/>, <see cref="WidthMultiplier"/> and
/// <see cref="BatchNorm"/>; <c>cnn</c> has no options. Equality compares <see cref="Hidden"/> element by element.
/// </summary>
public sealed record ClassifierModelConfig
{
    /// <summary>The network family.</summary>
    public required ClassifierKind Kind { get; init; }

    /// <summary>MLP hidden widths (1 to 64 layers, each ≥ 1). Default [400, 200].</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [400, 200];

    /// <summary>MLP nonlinearity. Default ReLU.</summary>
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>MLP weight initialization. Default PyTorch's.</summary>
    public InitConfig WeightInit { get; init; } = new();

    /// <summary>MLP bias initialization. Default PyTorch's.</summary>
    public InitConfig BiasInit { get; init; } = new();

    /// <summary>VGG depth: 11 or 16. Default 16.</summary>
    public int Depth { get; init; } = 16;

    /// <summary>VGG channel multiplier (&gt; 0; channels = max(1, round(c · w))). Default 1.</summary>
    public double WidthMultiplier { get; init; } = 1;

    /// <summary>VGG BatchNorm after every convolution. Default false.</summary>
    public bool BatchNorm { get; init; }

    /// <inheritdoc />
    public bool Equals(ClassifierModelConfig? other) =>
        other is not null && Kind == other.Kind && Hidden.SequenceEqual(other.Hidden) && Activation == other.Activation
        && WeightInit == other.WeightInit && BiasInit == other.BiasInit && Depth == other.Depth
        && WidthMultiplier.Equals(other.WidthMultiplier) && BatchNorm == other.BatchNorm;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        foreach (var width in Hidden) hash.Add(width);
        hash.Add(Activation);
        hash.Add(WeightInit);
        hash.Add(BiasInit);
        hash.Add(Depth);
        hash.Add(WidthMultiplier);
        hash.Add(BatchNorm);
        return hash.ToHashCode();
    }
}
