using FreqScope.Core;

namespace FreqScope.Experiments.Classify;

/// <summary>The projection method's results in <c>summary.json</c>.</summary>
public sealed record ProjectionSummary
{
    /// <summary>The direction, e.g. <c>"principal component 1 (explains 29.0% of the variance)"</c>.</summary>
    public required string Direction { get; init; }

    /// <summary>Output component the spectra use, or null for all components (vector norm over classes).</summary>
    public int? Component { get; init; }

    /// <summary>Convergence threshold on Δ_F.</summary>
    public required double Epsilon { get; init; }

    /// <summary><c>"complex"</c> or <c>"magnitude"</c>.</summary>
    public required string ErrorForm { get; init; }

    /// <summary>Peaks of the target's |ŷ(k)|, low frequency first.</summary>
    public required IReadOnlyList<ProjectionPeakSummary> Peaks { get; init; }

    /// <summary>Peak grid indices in the order they first converged (never-converged peaks last, by frequency).</summary>
    public required IReadOnlyList<int> ConvergenceOrder { get; init; }

    /// <summary>Spearman correlation of peak frequency and convergence epoch; null when undefined.</summary>
    public double? SpectralBiasIndex { get; init; }

    /// <summary>A sentence on the convergence order.</summary>
    public required string Verdict { get; init; }
}
