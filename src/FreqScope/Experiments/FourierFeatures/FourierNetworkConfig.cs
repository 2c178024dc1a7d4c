using FreqScope.Core.Config;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// A two-layer Fourier-feature network f(x) = (1/√m) Σ_j [a_j cos(w_j x) + b_j sin(w_j x)] in the NTK
/// parametrisation (<see cref="Models.FourierFeatureNet"/>).
/// </summary>
public sealed record FourierNetworkConfig
{
    /// <summary>Largest width.</summary>
    public const int MaxWidth = 1_000_000;

    /// <summary>Width m (number of frequencies), 1 to 1 000 000.</summary>
    [Range(1, MaxWidth)]
    public required int Width { get; init; }

    /// <summary>The density ρ of the first-layer frequencies w_j.</summary>
    public required FrequencyDensityConfig Density { get; init; }

    /// <summary>σ_a &gt; 0, the standard deviation of the output coefficients a_j, b_j at initialisation. Default 0.1.</summary>
    [Range(0, MinExclusive = true)]
    public double SigmaA { get; init; } = 0.1;

    /// <summary>Whether the frequencies w_j are trained (then σ_a adds diffusion in frequency). Default false.</summary>
    public bool TrainFrequencies { get; init; }

    /// <summary>Whether w_j are the density's quantiles F⁻¹((j + ½)/m) instead of random draws. Default true.</summary>
    public bool Stratified { get; init; } = true;

    /// <summary>Whether to add a trainable output bias (initially 0). Default false.</summary>
    public bool OutputBias { get; init; }

    /// <summary>
    /// Whether to train f − f₀ instead of f, f₀ the network's output at initialisation held fixed (the centring of
    /// lazy-training analyses). The parameter gradients, hence the kernel and the dynamics, are unchanged, but the
    /// residual starts at −y instead of f₀ − y: the random initial function, which fills the whole window, is gone.
    /// Default false.
    /// </summary>
    public bool SubtractInitialOutput { get; init; }
}
