using System.Globalization;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// The one place poisson's sentences are built: summary.json's verdict, the report's best-hybrid line and every
/// speed-up cell use it, so that they agree word for word and a hybrid slower than its relaxation alone is never
/// called faster.
/// </summary>
internal static class PoissonVerdict
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The verdict: the spectral-bias index of every method that has one, then the best hybrid's sentence
    /// (<see cref="Hybrid"/>) when the run has hybrids; "No method finished." when there is nothing to say.
    /// </summary>
    public static string Build(IReadOnlyList<PoissonMethodSummary> methods, string? baselineName, string? bestName, double tolerance, double? speedup)
    {
        var parts = new List<string>();
        var indexed = methods.Where(m => m.SpectralBiasIndex is not null).ToList();
        if (indexed.Count > 0)
        {
            parts.Add("Spectral-bias index (+1: low modes first, −1: high first): "
                + string.Join(", ", indexed.Select(m => $"{m.Method} {m.SpectralBiasIndex!.Value.ToString("+0.00;-0.00;+0.00", Invariant)}")) + ".");
        }

        if (baselineName is not null)
        {
            parts.Add(Hybrid(methods, baselineName, bestName, tolerance, speedup));
        }

        return parts.Count == 0 ? "No method finished." : string.Join(" ", parts);
    }

    /// <summary>
    /// The best hybrid's sentence, e.g. "Best hybrid: the network for 1000 steps, then jacobi, reached ‖u − u_h‖∞ &lt;
    /// 0.0001 in 0.315 s, 5.603× faster than jacobi alone (1.765 s)." — or "… 9.091× slower than jacobi alone …"
    /// when the ratio is below 1; "No hybrid reached ‖u − u_h‖∞ &lt; 0.0001." when none did.
    /// </summary>
    /// <param name="methods">The methods of the run.</param>
    /// <param name="baselineName">The relaxation the hybrids hand over to (its run alone is the baseline).</param>
    /// <param name="bestName">The hybrid that reached the tolerance soonest, or null when none did.</param>
    /// <param name="tolerance">The tolerance on ‖u − u_h‖∞.</param>
    /// <param name="speedup">The baseline's seconds to tolerance over the best hybrid's; null when the baseline did not reach it.</param>
    public static string Hybrid(IReadOnlyList<PoissonMethodSummary> methods, string baselineName, string? bestName, double tolerance, double? speedup)
    {
        string tol = tolerance.ToString("G3", Invariant);
        PoissonMethodSummary? best = methods.FirstOrDefault(m => m.Method == bestName);
        if (bestName is null || best is null)
        {
            return $"No hybrid reached ‖u − u_h‖∞ < {tol}.";
        }

        PoissonMethodSummary? baseline = methods.FirstOrDefault(m => m.Method == baselineName);
        long? handover = best.HandoverStep ?? PoissonMethods.HandoverStep(best.Method);
        string head = $"Best hybrid: the network for {handover?.ToString(Invariant) ?? "?"} steps, then {baselineName}, reached ‖u − u_h‖∞ < {tol} in {Seconds(best.SecondsToTolerance)}";
        if (speedup is double ratio && baseline is { Reached: true })
        {
            return $"{head}, {Comparison(ratio)} than {baselineName} alone ({Seconds(baseline.SecondsToTolerance)}).";
        }

        return baseline is null
            ? $"{head}; {baselineName} alone was not run, so there is no comparison."
            : $"{head}; {baselineName} alone did not reach it within {baseline.Iterations.ToString(Invariant)} sweeps.";
    }

    /// <summary>
    /// A time ratio in words, four significant digits: <c>5.603× faster</c> for a ratio ≥ 1, <c>9.091× slower</c>
    /// (the reciprocal) for a ratio below 1.
    /// </summary>
    /// <param name="speedup">The baseline's time over the method's, &gt; 0.</param>
    public static string Comparison(double speedup) => speedup >= 1
        ? speedup.ToString("G4", Invariant) + "× faster"
        : (1 / speedup).ToString("G4", Invariant) + "× slower";

    private static string Seconds(double? s) => s is double v ? v.ToString("G4", Invariant) + " s" : "—";
}
