namespace FreqScope.Experiments.Classify;

/// <summary>The filtering method's results in <c>summary.json</c>.</summary>
public sealed record FilteringSummary
{
    /// <summary>e_low and e_high count as converged once below this.</summary>
    public required double Threshold { get; init; }

    /// <summary>Number of training samples the filter ran over.</summary>
    public required int Samples { get; init; }

    /// <summary>One entry per δ, in the config's order.</summary>
    public required IReadOnlyList<DeltaSummary> Deltas { get; init; }

    /// <summary>A sentence on whether low frequencies converged before high ones.</summary>
    public required string Verdict { get; init; }
}
