using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The projection method: the non-uniform DFT ŷ(k) = (1/n) Σ_i y_i exp(−i 2π k p·x_i) of the one-hot targets and of
/// the network's output along a unit direction p of input space, k in cycles per unit of the projected coordinate.
/// Equality compares <see cref="Vector"/> element by element.
/// </summary>
public sealed record ProjectionConfig
{
    /// <summary>How p is chosen. Default the first principal component.</summary>
    public DirectionKind Direction { get; init; } = DirectionKind.Pca;

    /// <summary>For <c>pca</c>: which principal component (1 = largest variance). Default 1.</summary>
    public int Component { get; init; } = 1;

    /// <summary>For <c>random</c>: the direction's seed. Default 0.</summary>
    public long DirectionSeed { get; init; }

    /// <summary>For <c>vector</c>: the direction (length = input features; normalised). Otherwise empty.</summary>
    public IReadOnlyList<double> Vector { get; init; } = [];

    /// <summary>Number of frequencies in the grid 0 … max (≥ 3). Default 101.</summary>
    public int FrequencyCount { get; init; } = 101;

    /// <summary>Largest frequency (&gt; 0); null (the default) means 1/σ_t, σ_t the standard deviation of the projected coordinates.</summary>
    public double? MaxFrequency { get; init; }

    /// <summary>Output component (class) the spectra use; null (the default) means all, as the vector norm over classes.</summary>
    public int? OutputComponent { get; init; }

    /// <summary>Peaks lower than this fraction of the largest |ŷ(k)| are ignored, in [0, 1]. Default 0.05.</summary>
    public double MinRelativeHeight { get; init; } = 0.05;

    /// <summary>Relative error below which a peak counts as converged (&gt; 0). Default 0.1.</summary>
    public double Epsilon { get; init; } = 0.1;

    /// <summary>Which relative error is compared to <see cref="Epsilon"/>. Default magnitude.</summary>
    public ErrorForm ErrorForm { get; init; } = ErrorForm.Magnitude;

    /// <inheritdoc />
    public bool Equals(ProjectionConfig? other) =>
        other is not null && Direction == other.Direction && Component == other.Component
        && DirectionSeed == other.DirectionSeed && Vector.SequenceEqual(other.Vector)
        && FrequencyCount == other.FrequencyCount && MaxFrequency.Equals(other.MaxFrequency)
        && OutputComponent == other.OutputComponent && MinRelativeHeight.Equals(other.MinRelativeHeight)
        && Epsilon.Equals(other.Epsilon) && ErrorForm == other.ErrorForm;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Direction);
        hash.Add(Component);
        hash.Add(DirectionSeed);
        foreach (var v in Vector) hash.Add(v);
        hash.Add(FrequencyCount);
        hash.Add(MaxFrequency);
        hash.Add(OutputComponent);
        hash.Add(MinRelativeHeight);
        hash.Add(Epsilon);
        hash.Add(ErrorForm);
        return hash.ToHashCode();
    }
}
