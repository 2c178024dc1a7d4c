using FreqScope.Core.Config;
using FreqScope.Theory;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// The first-layer weight distribution in the <c>theory</c> section of <c>summary.json</c>.
/// </summary>
/// <param name="Distribution"><c>"normal"</c> (N(0, σ²)) or <c>"uniform"</c> (U(−b, b)).</param>
/// <param name="Std">σ, the standard deviation of a weight (for uniform, b/√3).</param>
/// <param name="Bound">b for <c>"uniform"</c>; null for <c>"normal"</c>.</param>
/// <param name="Source">Where it comes from in config.json, in words (e.g. PyTorch's default with fan_in 1 → U(−1, 1)).</param>
public sealed record FirstLayerWeightsSummary(string Distribution, double Std, double? Bound, string Source)
{
    /// <summary>The summary of <paramref name="weights"/> with <paramref name="source"/>.</summary>
    public static FirstLayerWeightsSummary From(FirstLayerWeights weights, string source)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new FirstLayerWeightsSummary(JsonNames.Of(weights.Kind), weights.Std, weights.Bound, source);
    }

    /// <summary>The distribution this summary describes.</summary>
    /// <exception cref="InvalidDataException"><see cref="Distribution"/> is neither normal nor uniform, or a scale is not &gt; 0.</exception>
    public FirstLayerWeights ToWeights()
    {
        if (!(Std > 0) || !double.IsFinite(Std)) throw new InvalidDataException($"firstLayerWeights.std {Std} is not a finite number > 0");
        return Distribution switch
        {
            "normal" => FirstLayerWeights.Normal(Std),
            "uniform" => FirstLayerWeights.Uniform(Bound is double b && b > 0 && double.IsFinite(b) ? b : Std * Math.Sqrt(3)),
            _ => throw new InvalidDataException($"firstLayerWeights.distribution \"{Distribution}\" is neither \"normal\" nor \"uniform\""),
        };
    }
}
