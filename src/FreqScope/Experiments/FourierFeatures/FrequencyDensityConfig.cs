using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Models;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// The density ρ of the first-layer frequencies, as written in a config. Numbers are in
/// <see cref="FrequencyUnit"/> (angular w by default, or cycles ν = w/2π); <see cref="ToDensity"/> converts to the
/// angular <see cref="FrequencyDensity"/> the network uses. Which members matter depends on <see cref="Kind"/>:
/// <see cref="Scale"/> (Gaussian s, Laplace b), <see cref="Cutoff"/> (uniform and increasing K), <see cref="Power"/>
/// (increasing), <see cref="Points"/> and <see cref="Weights"/> (table).
/// </summary>
[Variants("kind")]
public sealed record FrequencyDensityConfig : IConfigRules
{
    /// <summary>The family.</summary>
    [JsonRequired]
    public FrequencyDensityKind Kind { get; init; }

    /// <summary>Unit of the scale, cut-off and points. Default angular.</summary>
    public FrequencyUnit FrequencyUnit { get; init; } = FrequencyUnit.Angular;

    /// <summary>Gaussian s or Laplace b (&gt; 0).</summary>
    [Variant("gaussian", "laplace", Required = true)]
    [Range(0, MinExclusive = true)]
    public double Scale { get; init; }

    /// <summary>The cut-off K (&gt; 0) of uniform and increasing.</summary>
    [Variant("uniform", "increasing", Required = true)]
    [Range(0, MinExclusive = true)]
    public double Cutoff { get; init; }

    /// <summary>The power p &gt; 0 of the increasing density (it grows like |w|^p).</summary>
    [Variant("increasing", Required = true)]
    [Range(0, MinExclusive = true, Expected = "a number > 0 (the density grows like |w|^power)")]
    public double Power { get; init; }

    /// <summary>A table's |w| grid: at least 2 points, finite, ≥ 0, strictly increasing.</summary>
    [Variant("table", Required = true)]
    [Missing("a table needs its |w| grid")]
    [Count(2, "at least 2 points")]
    public ValueList<double> Points { get; init; } = [];

    /// <summary>A table's density values at <see cref="Points"/>, one per point, ≥ 0, not all 0.</summary>
    [Variant("table", Required = true)]
    [Missing("a table needs one density value per point")]
    public ValueList<double> Weights { get; init; } = [];

    /// <summary>The density of the angular frequencies w.</summary>
    /// <exception cref="ArgumentException">A parameter is invalid (the reader checks them first).</exception>
    public FrequencyDensity ToDensity()
    {
        double unit = FrequencyUnit == FrequencyUnit.Cycles ? 2 * Math.PI : 1;
        return Kind switch
        {
            FrequencyDensityKind.Gaussian => FrequencyDensity.Gaussian(Scale * unit),
            FrequencyDensityKind.Uniform => FrequencyDensity.Uniform(Cutoff * unit),
            FrequencyDensityKind.Laplace => FrequencyDensity.Laplace(Scale * unit),
            FrequencyDensityKind.Increasing => FrequencyDensity.Increasing(Cutoff * unit, Power),
            _ => FrequencyDensity.Table(Points.Select(p => p * unit).ToArray(), [.. Weights]),
        };
    }

    /// <summary>A table has one weight per point, points increasing from ≥ 0, weights ≥ 0 and not all 0.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Kind != FrequencyDensityKind.Table) return;
        var pointsNode = node.Required("points");
        var weightsNode = node.Required("weights");
        if (Weights.Count != Points.Count) throw weightsNode.OutOfRange($"one weight per point ({Points.Count})");
        for (int i = 0; i < Points.Count; i++)
        {
            if (!(Points[i] >= 0) || (i > 0 && !(Points[i] > Points[i - 1])))
                throw pointsNode.Error($"points[{i}] = {ConfigNode.Format(Points[i])} is out of range; expected finite |w| ≥ 0, strictly increasing");
            if (!(Weights[i] >= 0))
                throw weightsNode.Error($"weights[{i}] = {ConfigNode.Format(Weights[i])} is out of range; expected a finite number ≥ 0");
        }

        if (Weights.All(v => v == 0)) throw weightsNode.OutOfRange("at least one weight > 0");
    }
}
