using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// What a poisson run records: relaxations at about <see cref="Points"/> log-spaced sweeps, the network every
/// <see cref="Every"/> steps; per-mode errors for modes up to <see cref="Keep"/>; which modes are analysed.
/// </summary>
public sealed record PoissonProbeConfig
{
    /// <summary>Probes of a relaxation, 2 to 100 000, log-spaced between sweep 1 and the sweep limit (plus sweep 0). Default 200.</summary>
    [Range(2, 100_000)]
    public int Points { get; init; } = 200;

    /// <summary>The network is probed every this many steps (≥ 1; and at each handover). Default 50.</summary>
    [Range(1)]
    public int Every { get; init; } = 50;

    /// <summary>modes.csv holds modes (2-D: shells) 1..Keep (≥ 1). Default 64.</summary>
    [Range(1)]
    public int Keep { get; init; } = 64;

    /// <summary>Analysed modes: those with |û| ≥ this × the largest |û|, among modes ≤ n/2; in [0, 1]. Default 0.02.</summary>
    [Range(0, 1)]
    public double MinRelativeHeight { get; init; } = 0.02;

    /// <summary>A mode has converged when its relative error |ê| / |û| &lt; ε (&gt; 0). Default 0.01.</summary>
    [Range(0, MinExclusive = true)]
    public double Epsilon { get; init; } = 0.01;

    /// <summary>Explicit analysed modes (distinct, on the grid; kept sorted) instead of the rule above; null for the rule.</summary>
    [Count(1, "at least one mode, or null for the automatic choice")]
    public ValueList<int>? Modes { get; init; }
}
