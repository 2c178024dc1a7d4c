using FreqScope.Models;
using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The density ρ of the first-layer frequencies, as written in a config. Numbers are in
/// <see cref="FrequencyUnit"/> (angular w by default, or cycles ν = w/2π); <see cref="ToDensity"/> converts to the
/// angular <see cref="FrequencyDensity"/> the network uses. Which members matter depends on <see cref="Kind"/>:
/// <see cref="Scale"/> (Gaussian s, Laplace b, uniform and increasing cut-off K), <see cref="Power"/> (increasing),
/// <see cref="Points"/> and <see cref="Weights"/> (table).
/// </summary>
public sealed record FrequencyDensityConfig
{
    /// <summary>The family.</summary>
    public required FrequencyDensityKind Kind { get; init; }

    /// <summary>Unit of <see cref="Scale"/> and <see cref="Points"/>. Default angular.</summary>
    public FrequencyUnit FrequencyUnit { get; init; } = FrequencyUnit.Angular;

    /// <summary>Gaussian s, Laplace b, or the cut-off K of uniform and increasing; 0 for a table.</summary>
    public double Scale { get; init; }

    /// <summary>The power p of the increasing density; 0 otherwise.</summary>
    public double Power { get; init; }

    /// <summary>A table's |w| grid; empty otherwise.</summary>
    public IReadOnlyList<double> Points { get; init; } = [];

    /// <summary>A table's density values at <see cref="Points"/>; empty otherwise.</summary>
    public IReadOnlyList<double> Weights { get; init; } = [];

    /// <summary>The density of the angular frequencies w.</summary>
    /// <exception cref="ArgumentException">A parameter is invalid (the loader checks them first).</exception>
    public FrequencyDensity ToDensity()
    {
        double unit = FrequencyUnit == FrequencyUnit.Cycles ? 2 * Math.PI : 1;
        return Kind switch
        {
            FrequencyDensityKind.Gaussian => FrequencyDensity.Gaussian(Scale * unit),
            FrequencyDensityKind.Uniform => FrequencyDensity.Uniform(Scale * unit),
            FrequencyDensityKind.Laplace => FrequencyDensity.Laplace(Scale * unit),
            FrequencyDensityKind.Increasing => FrequencyDensity.Increasing(Scale * unit, Power),
            _ => FrequencyDensity.Table(Points.Select(p => p * unit).ToArray(), Weights),
        };
    }

    /// <inheritdoc />
    public bool Equals(FrequencyDensityConfig? other) =>
        other is not null && Kind == other.Kind && FrequencyUnit == other.FrequencyUnit && Scale.Equals(other.Scale)
        && Power.Equals(other.Power) && Points.SequenceEqual(other.Points) && Weights.SequenceEqual(other.Weights);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(FrequencyUnit);
        hash.Add(Scale);
        hash.Add(Power);
        foreach (var p in Points) hash.Add(p);
        foreach (var v in Weights) hash.Add(v);
        return hash.ToHashCode();
    }
}
