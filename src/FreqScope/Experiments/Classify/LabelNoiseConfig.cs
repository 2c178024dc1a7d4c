using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// Frequency-controlled label noise (Fridovich-Keil et al., "Spectral Bias in Practice"): training image x keeps its
/// label except with probability ε(x) = A′(1 + sin(2π f φ(x))), when it gets another class drawn uniformly. φ is a
/// scalar coordinate of the (normalised) input, the distance from the training mean (<c>radial</c>) or the coordinate
/// along the first principal component (<c>projection</c>), taken by rank so that it is uniform on [0, 1]
/// (<see cref="Data.LabelNoise"/>). The noise pattern has f cycles over the data: low f is noise a smooth function
/// can fit, high f is not.
/// </summary>
public sealed record LabelNoiseConfig
{
    /// <summary>A′ in (0, 0.5]: the mean flip probability (the largest is 2A′).</summary>
    [Range(0, 0.5, MinExclusive = true, Expected = "a number in (0, 0.5] (the mean flip probability)")]
    public required double Amplitude { get; init; }

    /// <summary>f ≥ 0, cycles over the range of φ.</summary>
    [Range(0, 1e6, Expected = "a number ≥ 0 (cycles over the range of the coordinate)")]
    public required double Frequency { get; init; }

    /// <summary>The coordinate φ. Default radial.</summary>
    public LabelNoiseCoordinate Along { get; init; } = LabelNoiseCoordinate.Radial;
}
