namespace FreqScope.Experiments;

/// <summary>The contents of <c>summary.json</c> (see docs/run-folder.md).</summary>
public sealed record FitSummary
{
    public required bool Finished { get; init; }
    public required long StepsCompleted { get; init; }
    public required double Epsilon { get; init; }
    public required string ErrorForm { get; init; }
    public required IReadOnlyList<PeakSummary> Peaks { get; init; }
    public required IReadOnlyList<int> ConvergenceOrder { get; init; }
    public double? SpectralBiasIndex { get; init; }
    public required double FinalTrainLoss { get; init; }
    public required double FinalTestLoss { get; init; }
    public required string Verdict { get; init; }

    /// <summary>
    /// The one-hidden-layer prediction of each peak's convergence step next to the measured one
    /// (<see cref="FreqScope.Theory.OneHiddenLayerTheory.Summarize"/>); <see cref="TheorySummary.Skipped"/> says why when
    /// it does not apply. Null only in summaries written before this section existed.
    /// </summary>
    public TheorySummary? Theory { get; init; }
}
