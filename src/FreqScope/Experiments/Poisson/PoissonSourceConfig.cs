using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Solvers;

namespace FreqScope.Experiments.Poisson;

/// <summary>The source g of −Δu = g: a sum of sines (1-D), a sum of sine modes of the square (2-D), or a formula.</summary>
[Variants("kind")]
public sealed record PoissonSourceConfig
{
    /// <summary>Which of the fields below describes g.</summary>
    [JsonRequired]
    public PoissonSourceKind Kind { get; init; }

    /// <summary><see cref="PoissonSourceKind.Sines"/>: the terms A sin(ωx + φ), ω &gt; 0 in radians per unit length (amplitude and frequency required, phase default 0).</summary>
    [Variant("sines", Required = true)]
    [Missing("at least one term")]
    [Count(1, "at least one term")]
    public ValueList<SineTerm> Terms { get; init; } = [];

    /// <summary><see cref="PoissonSourceKind.Modes"/>: the terms A sin(Mπ(x − min)/L) sin(Nπ(y − min)/L), 1 ≤ M, N &lt; intervals (all three required).</summary>
    [Variant("modes", Required = true)]
    [Missing("at least one mode")]
    [Count(1, "at least one mode")]
    public ValueList<ModeTerm> Modes { get; init; } = [];

    /// <summary><see cref="PoissonSourceKind.Expression"/>: the formula in x (and y) (see <see cref="SourceExpression"/>).</summary>
    [Variant("expression", Required = true)]
    public string? Expression { get; init; }
}
