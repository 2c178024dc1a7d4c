using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The projection method: the non-uniform DFT ŷ(k) = (1/n) Σ_i y_i exp(−i 2π k p·x_i) of the one-hot targets and of
/// the network's output along a unit direction p of input space, k in cycles per unit of the projected coordinate.
/// </summary>
public sealed record ProjectionConfig
{
    /// <summary>How p is chosen. Default the first principal component.</summary>
    public ProjectionDirectionConfig Direction { get; init; } = new();

    /// <summary>The frequency grid 0 … max. Default 101 frequencies up to 1/σ_t.</summary>
    public ProjectionFrequenciesConfig Frequencies { get; init; } = new();

    /// <summary>Output component (class index ≥ 0) the spectra use; null (the default) means all, as the vector norm over classes.</summary>
    [Range(0, Expected = "a class index >= 0, or null for all classes")]
    public int? OutputComponent { get; init; }

    /// <summary>Peaks lower than this fraction of the largest |ŷ(k)| are ignored, in [0, 1]. Default 0.05.</summary>
    [Range(0, 1)]
    public double MinRelativeHeight { get; init; } = 0.05;

    /// <summary>Relative error below which a peak counts as converged (&gt; 0). Default 0.1.</summary>
    [Range(0, MinExclusive = true)]
    public double Epsilon { get; init; } = 0.1;

    /// <summary>Which relative error is compared to <see cref="Epsilon"/>. Default magnitude.</summary>
    public ErrorForm ErrorForm { get; init; } = ErrorForm.Magnitude;
}
