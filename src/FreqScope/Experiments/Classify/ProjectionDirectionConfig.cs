using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>The projection method's direction p: a principal component, a seeded random direction or a given vector.</summary>
[Variants("kind", Style = VariantStyle.UnknownKey)]
public sealed record ProjectionDirectionConfig : IConfigRules
{
    /// <summary>How p is chosen (required when the direction is given). Default pca.</summary>
    [JsonRequired]
    public DirectionKind Kind { get; init; } = DirectionKind.Pca;

    /// <summary>For <c>pca</c>: which principal component, 1 to 100 (1 = largest variance). Default 1.</summary>
    [Variant("pca")]
    [Range(1, 100)]
    public int Component { get; init; } = 1;

    /// <summary>For <c>random</c>: the direction's seed. Default 0.</summary>
    [Variant("random")]
    public long Seed { get; init; }

    /// <summary>For <c>vector</c>: the direction (length = input features, not all zero; normalised). Otherwise empty.</summary>
    [Variant("vector", Required = true)]
    [Missing("kind \"vector\" needs the direction's coordinates")]
    public ValueList<double> Values { get; init; } = [];

    /// <summary>A given vector is not zero.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Kind == DirectionKind.Vector && (Values.Count == 0 || Values.All(v => v == 0)))
            throw node.Required("values").OutOfRange("a non-zero vector with one number per input feature");
    }
}
