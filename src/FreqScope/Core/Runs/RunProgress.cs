namespace FreqScope.Core.Runs;

/// <summary>
/// Where a run is: <see cref="Step"/> of <see cref="Steps"/> loop steps (optimizer steps, mini-batches of an epoch
/// count, or methods, as the kind plans them), the fraction done, the time since this process started the run, and
/// the kind's named values at this point (losses, accuracies, errors); <see cref="Phase"/> names a part of the run
/// when there are several (a solver). <see cref="IsProbe"/> marks the progress of a probe, whose values are recorded.
/// </summary>
public sealed record RunProgress(long Step, long Steps, double Fraction, TimeSpan Elapsed, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The part of the run this progress belongs to (a poisson method), or null.</summary>
    public string? Phase { get; init; }

    /// <summary>Whether this is a probe's progress (its values are in the run's tables).</summary>
    public bool IsProbe { get; init; }

    /// <summary>
    /// Why this probe shows diverged training: the first value that is NaN, or a loss (a value whose name contains
    /// "loss") that is infinite, e.g. <c>trainLoss is NaN</c>; null when every value is usable.
    /// </summary>
    public string? Divergence => Values.Where(v => double.IsNaN(v.Value) || (double.IsInfinity(v.Value) && v.Key.Contains("loss", StringComparison.OrdinalIgnoreCase)))
        .Select(v => $"{v.Key} is {(double.IsNaN(v.Value) ? "NaN" : v.Value > 0 ? "+∞" : "−∞")}").FirstOrDefault();

    /// <summary>The named value, or NaN when the kind reports none by that name.</summary>
    public double this[string name] => Values.TryGetValue(name, out var v) ? v : double.NaN;
}
