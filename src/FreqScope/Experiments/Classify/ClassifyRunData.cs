using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Classify;

/// <summary>Everything in a <c>classify</c> run folder's data files, parsed by <see cref="ClassifyRunFolderReader"/>.</summary>
/// <param name="RunDirectory">The run folder (full path).</param>
/// <param name="ConfigJson">The text of <c>config.json</c>, unparsed beyond validation.</param>
/// <param name="Name">The run's <c>name</c> from config.json, or null.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="Metrics">The rows of metrics.csv in file order.</param>
/// <param name="Filtering">The rows of filtering.csv in file order, or null when the filtering method did not run.</param>
/// <param name="Projection">The rows of projection.csv in file order, or null when the projection method did not run.</param>
/// <param name="Summary">The summary, or null when summary.json is absent.</param>
/// <param name="Paths">The rows of paths.csv in file order, or null when the path spectrum was not probed.</param>
public sealed record ClassifyRunData(
    string RunDirectory,
    string ConfigJson,
    string? Name,
    ManifestView Manifest,
    IReadOnlyList<ClassifyMetricRow> Metrics,
    IReadOnlyList<FilteringRow>? Filtering,
    IReadOnlyList<ProjectionRow>? Projection,
    ClassifySummary? Summary,
    IReadOnlyList<PathRow>? Paths = null)
{
    /// <summary>Whether the manifest says the run finished.</summary>
    public bool IsFinished => Manifest.Finished && Manifest.Status == "finished";

    /// <summary>The error form of the projection's Δ_F (<c>complex</c> or <c>magnitude</c>): summary.json, else <c>complex</c>.</summary>
    public string ErrorForm => Summary?.Projection?.ErrorForm ?? "complex";

    /// <summary>The projection.csv column Δ_F is taken from: <c>delta_complex</c> or <c>delta_magnitude</c>.</summary>
    public string DeltaColumn => ErrorForm == "magnitude" ? "delta_magnitude" : "delta_complex";

    /// <summary>The distinct epochs of filtering.csv in increasing order (empty when absent).</summary>
    public int[] FilteringEpochs => [.. (Filtering ?? []).Select(r => r.Epoch).Distinct().Order()];

    /// <summary>The distinct δ of filtering.csv in increasing order (empty when absent).</summary>
    public double[] FilteringDeltas => [.. (Filtering ?? []).Select(r => r.Delta).Distinct().Order()];

    /// <summary>The distinct epochs of projection.csv in increasing order (empty when absent).</summary>
    public int[] ProjectionEpochs => [.. (Projection ?? []).Select(r => r.Epoch).Distinct().Order()];

    /// <summary>The distinct frequency-grid indices of projection.csv in increasing order (empty when absent).</summary>
    public int[] ProjectionIndices => [.. (Projection ?? []).Select(r => r.Index).Distinct().Order()];

    /// <summary>The Δ_F value of a projection row for this run's error form.</summary>
    /// <param name="row">A row of projection.csv.</param>
    /// <returns><see cref="ProjectionRow.DeltaComplex"/> or <see cref="ProjectionRow.DeltaMagnitude"/>.</returns>
    public double Delta(ProjectionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ErrorForm == "magnitude" ? row.DeltaMagnitude : row.DeltaComplex;
    }
}
