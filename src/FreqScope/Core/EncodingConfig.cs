using System.Text.Json.Serialization;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>
/// The input encoding γ of a fit1d (or ntk) network, one of Tancik et al.'s mappings (see <c>Models.InputEncoding</c>;
/// frequencies in cycles per unit of x): <c>none</c> (γ(x) = x), <c>basic</c> ([cos 2πx, sin 2πx]),
/// <c>positional</c> (<see cref="Levels"/> L, <see cref="Scale"/> σ: frequencies σ^(j/L), j = 0 … L − 1) or
/// <c>gaussian</c> (<see cref="Features"/> m frequencies ~ N(0, σ²), drawn from the run's seed).
/// </summary>
[Variants("kind")]
[ListedKeyOrder("kind", "levels", "scale", "features")]
public sealed record EncodingConfig
{
    /// <summary>The mapping (required when the encoding is given). Default none.</summary>
    [JsonRequired]
    public InputEncodingKind Kind { get; init; } = InputEncodingKind.None;

    /// <summary>Positional only: the number of levels L, 1 to 64; 0 otherwise.</summary>
    [Variant("positional", Required = true)]
    [Range(1, 64)]
    public int Levels { get; init; }

    /// <summary>Gaussian only: the number of frequencies m, 1 to 100 000; 0 otherwise.</summary>
    [Variant("gaussian", Required = true)]
    [Range(1, 100_000)]
    public int Features { get; init; }

    /// <summary>Positional and Gaussian: σ &gt; 0 (cycles per unit of x); 0 otherwise.</summary>
    [Variant("positional", "gaussian", Required = true)]
    [Range(0, MinExclusive = true, Note = " (cycles per unit of x)")]
    public double Scale { get; init; }

    /// <summary>The width of γ(x) for <paramref name="inputs"/> input components: d unencoded, 2d basic, 2Ld positional, 2m Gaussian.</summary>
    public int EncodedWidth(int inputs) => Kind switch
    {
        InputEncodingKind.Basic => 2 * inputs,
        InputEncodingKind.Positional => 2 * Levels * inputs,
        InputEncodingKind.Gaussian => 2 * Features,
        _ => inputs,
    };
}
