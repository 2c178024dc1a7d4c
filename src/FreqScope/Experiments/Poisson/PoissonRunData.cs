using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Poisson;

/// <summary>Everything in a <c>poisson</c> run folder's data files, parsed by <see cref="PoissonRunFolderReader"/>.</summary>
/// <param name="RunDirectory">The run folder (full path).</param>
/// <param name="ConfigJson">The text of <c>config.json</c>, unparsed beyond validation.</param>
/// <param name="Name">The run's <c>name</c> from config.json, or null.</param>
/// <param name="Dimension">config.json <c>problem.dimension</c>: 1 (interval) or 2 (square).</param>
/// <param name="DomainMin">The lower end of config.json <c>problem.domain</c>, or null when absent.</param>
/// <param name="DomainMax">The upper end of config.json <c>problem.domain</c>, or null when absent.</param>
/// <param name="Intervals">config.json <c>problem.intervals</c> (n, per axis), or null when absent.</param>
/// <param name="ConfigTolerance">config.json <c>tolerance</c>, or null when absent.</param>
/// <param name="Manifest">The manifest (its steps count methods).</param>
/// <param name="Errors">The rows of errors.csv in file order.</param>
/// <param name="Modes">The rows of modes.csv in file order, or null when the file is absent.</param>
/// <param name="Solution">The rows of solution.csv in file order, or null when the file is absent.</param>
/// <param name="Summary">The summary, or null when summary.json is absent.</param>
public sealed record PoissonRunData(
    string RunDirectory,
    string ConfigJson,
    string? Name,
    int Dimension,
    double? DomainMin,
    double? DomainMax,
    int? Intervals,
    double? ConfigTolerance,
    ManifestView Manifest,
    IReadOnlyList<PoissonErrorRow> Errors,
    IReadOnlyList<PoissonModeRow>? Modes,
    IReadOnlyList<PoissonSolutionRow>? Solution,
    PoissonSummary? Summary)
{
    /// <summary>Whether the manifest says the run finished.</summary>
    public bool IsFinished => Manifest.Finished && Manifest.Status == "finished";

    /// <summary>The tolerance on ‖u − u_h‖∞: summary.json's, else config.json's, else null.</summary>
    public double? Tolerance => Summary?.Tolerance ?? ConfigTolerance;

    /// <summary>The per-mode convergence threshold ε from summary.json, or null.</summary>
    public double? Epsilon => Summary?.Epsilon;

    /// <summary>The methods of errors.csv in the order they first appear.</summary>
    public string[] Methods => [.. Errors.Select(r => r.Method).Distinct()];

    /// <summary>The methods of modes.csv in the order they first appear (empty when absent).</summary>
    public string[] ModeMethods => [.. (Modes ?? []).Select(r => r.Method).Distinct()];

    /// <summary>The errors.csv rows of <paramref name="method"/>, by increasing iteration.</summary>
    /// <param name="method">A method name.</param>
    /// <returns>The rows (empty when the method has none).</returns>
    public PoissonErrorRow[] ErrorsOf(string method) => [.. Errors.Where(r => r.Method == method).OrderBy(r => r.Iteration)];

    /// <summary>The modes.csv rows of <paramref name="method"/> in file order.</summary>
    /// <param name="method">A method name.</param>
    /// <returns>The rows (empty when the method has none or modes.csv is absent).</returns>
    public PoissonModeRow[] ModesOf(string method) => [.. (Modes ?? []).Where(r => r.Method == method)];
}
