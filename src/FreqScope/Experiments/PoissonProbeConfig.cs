namespace FreqScope.Experiments;

/// <summary>
/// What a poisson run records: relaxations at about <see cref="Points"/> log-spaced sweeps, the network every
/// <see cref="Every"/> steps; per-mode errors for modes up to <see cref="Keep"/>; which modes are analysed.
/// Equality compares <see cref="Modes"/> element by element.
/// </summary>
public sealed record PoissonProbeConfig
{
    /// <summary>Probes of a relaxation, log-spaced between sweep 1 and the sweep limit (plus sweep 0). Default 200.</summary>
    public int Points { get; init; } = 200;

    /// <summary>The network is probed every this many steps (and at each handover). Default 50.</summary>
    public int Every { get; init; } = 50;

    /// <summary>modes.csv holds modes (2-D: shells) 1..Keep. Default 64.</summary>
    public int Keep { get; init; } = 64;

    /// <summary>Analysed modes: those with |û| ≥ this × the largest |û|, among modes ≤ n/2. Default 0.02.</summary>
    public double MinRelativeHeight { get; init; } = 0.02;

    /// <summary>A mode has converged when its relative error |ê| / |û| &lt; ε. Default 0.01.</summary>
    public double Epsilon { get; init; } = 0.01;

    /// <summary>Explicit analysed modes instead of the rule above; null for the rule.</summary>
    public IReadOnlyList<int>? Modes { get; init; }

    /// <inheritdoc />
    public bool Equals(PoissonProbeConfig? other) =>
        other is not null && Points == other.Points && Every == other.Every && Keep == other.Keep
        && MinRelativeHeight == other.MinRelativeHeight && Epsilon == other.Epsilon
        && (Modes is null ? other.Modes is null : other.Modes is not null && Modes.SequenceEqual(other.Modes));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Points, Every, Keep, MinRelativeHeight, Epsilon, Modes?.Count);
}
