namespace FreqScope.Experiments;

/// <summary>
/// The filtering method: Gaussian low-pass of targets and outputs in input space, with kernel
/// exp(−|x − x′|² / (2δ)) for each δ (a variance, in squared units of the normalised inputs).
/// Equality compares <see cref="Deltas"/> element by element.
/// </summary>
public sealed record FilteringConfig
{
    /// <summary>The δ values (each &gt; 0, distinct), in the order reported.</summary>
    public required IReadOnlyList<double> Deltas { get; init; }

    /// <summary>e_low and e_high count as converged below this (&gt; 0). Default 0.1.</summary>
    public double Threshold { get; init; } = 0.1;

    /// <summary>Training images the filter runs over (the first ones of the training subset); null (the default) means all.</summary>
    public int? Samples { get; init; }

    /// <summary>
    /// Memory (MiB) the precomputed n×n kernels may take; when they do not fit, every probe recomputes the kernel
    /// blockwise (slower, no n×n memory). Default 2048.
    /// </summary>
    public int CacheBudgetMiB { get; init; } = 2048;

    /// <inheritdoc />
    public bool Equals(FilteringConfig? other) =>
        other is not null && Deltas.SequenceEqual(other.Deltas) && Threshold.Equals(other.Threshold)
        && Samples == other.Samples && CacheBudgetMiB == other.CacheBudgetMiB;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in Deltas) hash.Add(d);
        hash.Add(Threshold);
        hash.Add(Samples);
        hash.Add(CacheBudgetMiB);
        return hash.ToHashCode();
    }
}
