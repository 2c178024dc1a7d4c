namespace FreqScope.Experiments.Classify;

/// <summary>The interpolation-path spectrum of a classify run in <c>summary.json</c>.</summary>
public sealed record PathsSummary
{
    /// <summary>Δ, input-space distance between path points.</summary>
    public required double Spacing { get; init; }

    /// <summary>The cutoff, cycles per unit input distance.</summary>
    public required double Cutoff { get; init; }

    /// <summary>Pairs of the same class.</summary>
    public required int WithinPairs { get; init; }

    /// <summary>Pairs of different classes.</summary>
    public required int BetweenPairs { get; init; }

    /// <summary>Mean path length (input-space distance) of the pairs.</summary>
    public required double MeanDistance { get; init; }

    /// <summary>Per probe, the high-frequency shares and powers (NaN for a kind without pairs).</summary>
    public required IReadOnlyList<PathsEpochSummary> Epochs { get; init; }

    /// <summary>The share at the last probe, within classes.</summary>
    public double? FinalWithinHighFraction { get; init; }

    /// <summary>The share at the last probe, between classes.</summary>
    public double? FinalBetweenHighFraction { get; init; }

    /// <summary>The power above the cutoff at the last probe, within classes.</summary>
    public double? FinalWithinHighPower { get; init; }

    /// <summary>The power above the cutoff at the last probe, between classes.</summary>
    public double? FinalBetweenHighPower { get; init; }
}
