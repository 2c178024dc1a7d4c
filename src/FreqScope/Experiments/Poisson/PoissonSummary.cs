using FreqScope.Core.Runs;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// The contents of a <c>poisson</c> run's <c>summary.json</c>: the problem's size, the modes analysed, one entry per
/// method (classic relaxations, the network, each hybrid), and the best hybrid's speed-up over its relaxation alone.
/// Errors are measured against the exact solution u_h of the discrete system (see docs/run-folder.md).
/// </summary>
public sealed record PoissonSummary : IRunSummary
{
    /// <summary>False when the run was interrupted (only the finished methods are listed).</summary>
    public required bool Finished { get; init; }

    /// <summary>1 (interval) or 2 (square).</summary>
    public required int Dimension { get; init; }

    /// <summary>Grid intervals per axis, n.</summary>
    public required int Intervals { get; init; }

    /// <summary>Unknowns of the discrete system: n − 1 or (n − 1)².</summary>
    public required int Unknowns { get; init; }

    /// <summary>The tolerance on ‖u − u_h‖∞ that "time to tolerance" refers to.</summary>
    public required double Tolerance { get; init; }

    /// <summary>The per-mode convergence threshold on the relative error |ê_k| / |û_k|.</summary>
    public required double Epsilon { get; init; }

    /// <summary>‖u_h − u*‖∞ against the analytic solution, when the source has one; null otherwise.</summary>
    public double? DiscretisationError { get; init; }

    /// <summary>The modes whose convergence order and spectral-bias index are reported.</summary>
    public required IReadOnlyList<PoissonModeInfo> Modes { get; init; }

    /// <summary>One entry per method that finished, in the order they ran.</summary>
    public required IReadOnlyList<PoissonMethodSummary> Methods { get; init; }

    /// <summary>The relaxation hybrids continue with, and that their speed-up is measured against (e.g. <c>jacobi</c>).</summary>
    public string? HybridBaseline { get; init; }

    /// <summary>The hybrid with the shortest time to tolerance (e.g. <c>hybrid-1000</c>); null when none reached it.</summary>
    public string? BestHybrid { get; init; }

    /// <summary>The baseline's seconds to tolerance divided by the best hybrid's; null when either did not reach it.</summary>
    public double? BestHybridSpeedup { get; init; }

    /// <summary>One or two sentences for people.</summary>
    public required string Verdict { get; init; }
}
