namespace FreqScope.Experiments;

/// <summary>
/// The interpolation-path spectrum of a classifier (Fridovich-Keil et al., "Spectral Bias in Practice"): pairs of
/// test images of the same class and of different classes, points at fixed input-space spacing along the straight
/// path between each pair (in the network's input space, i.e. after pixel normalisation), the per-sample softmax
/// output there, and the power spectrum of s(t) = ‖p(t) − p(0)‖₂ (see <see cref="Spectral.PathSpectrum"/>).
/// </summary>
public sealed record PathsConfig
{
    /// <summary>Pairs of test images of the same class (≥ 0). Default 20.</summary>
    public int Within { get; init; } = 20;

    /// <summary>Pairs of test images of different classes (≥ 0; Within + Between ≥ 1). Default 20.</summary>
    public int Between { get; init; } = 20;

    /// <summary>Δ, the input-space distance between consecutive points (&gt; 0). Default 0.1.</summary>
    public double Spacing { get; init; } = 0.1;

    /// <summary>Most points on one path; a pair further apart than Spacing × (MaxPoints − 1) is an error. Default 2048.</summary>
    public int MaxPoints { get; init; } = 2048;

    /// <summary>Points of the common frequency grid 0 … 1/(2Δ) the spectra are resampled to (≥ 3). Default 65.</summary>
    public int GridPoints { get; init; } = 65;

    /// <summary>High frequency means above this many cycles per unit input distance (&gt; 0); null: 1/(8Δ), a quarter of the grid. Default null.</summary>
    public double? Cutoff { get; init; }

    /// <summary>The cutoff in effect.</summary>
    public double EffectiveCutoff => Cutoff ?? 1 / (8 * Spacing);
}
