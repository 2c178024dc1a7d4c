using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The interpolation-path spectrum of a classifier (Fridovich-Keil et al., "Spectral Bias in Practice"): pairs of
/// test images of the same class and of different classes, points at fixed input-space spacing along the straight
/// path between each pair (in the network's input space, i.e. after pixel normalisation), the per-sample softmax
/// output there, and the power spectrum of s(t) = ‖p(t) − p(0)‖₂ (see <see cref="Spectral.PathSpectrum"/>).
/// </summary>
public sealed record PathsConfig : IConfigRules
{
    /// <summary>Pairs of test images of the same class, 0 to 100 000. Default 20.</summary>
    [Range(0, 100_000)]
    public int Within { get; init; } = 20;

    /// <summary>Pairs of test images of different classes, 0 to 100 000 (Within + Between ≥ 1). Default 20.</summary>
    [Range(0, 100_000)]
    public int Between { get; init; } = 20;

    /// <summary>Δ, the input-space distance between consecutive points (&gt; 0). Default 0.1.</summary>
    [Range(0, MinExclusive = true, Note = " (input-space distance)")]
    public double Spacing { get; init; } = 0.1;

    /// <summary>Most points on one path, 2 to 1 000 000; a pair further apart than Spacing × (MaxPoints − 1) is an error. Default 2048.</summary>
    [Range(2, 1_000_000)]
    public int MaxPoints { get; init; } = 2048;

    /// <summary>Points of the common frequency grid 0 … 1/(2Δ) the spectra are resampled to, 3 to 100 000. Default 65.</summary>
    [Range(3, 100_000)]
    public int GridPoints { get; init; } = 65;

    /// <summary>High frequency means above this many cycles per unit input distance (&gt; 0); null: 1/(8Δ), a quarter of the grid. Default null.</summary>
    [Range(0, MinExclusive = true, Note = " (cycles per unit input distance), or null for 1/(8·spacing)")]
    public double? Cutoff { get; init; }

    /// <summary>The cutoff in effect.</summary>
    public double EffectiveCutoff => Cutoff ?? 1 / (8 * Spacing);

    /// <summary>At least one pair.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Within + Between == 0) throw node.Error("between", "within and between are both 0; expected at least one pair");
    }
}
