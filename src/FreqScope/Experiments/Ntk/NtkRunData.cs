using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Ntk;

/// <summary>Everything in an <c>ntk</c> run folder's data files, parsed by <see cref="NtkRunFolderReader"/>.</summary>
/// <param name="RunDirectory">The run folder (full path).</param>
/// <param name="ConfigJson">The text of <c>config.json</c>.</param>
/// <param name="Name">The run's <c>name</c> from config.json, or null.</param>
/// <param name="Manifest">The manifest (its steps are gradient-descent steps).</param>
/// <param name="Eigen">The rows of eigen.csv, or null when the file is absent.</param>
/// <param name="Trajectory">The rows of trajectory.csv in file order.</param>
/// <param name="Projections">The rows of projections.csv, or null when the file is absent.</param>
/// <param name="Outputs">The rows of outputs.csv, or null when the file is absent.</param>
/// <param name="Summary">The summary, or null when summary.json is absent.</param>
public sealed record NtkRunData(
    string RunDirectory,
    string ConfigJson,
    string? Name,
    ManifestView Manifest,
    IReadOnlyList<NtkEigenRow>? Eigen,
    IReadOnlyList<NtkTrajectoryRow> Trajectory,
    IReadOnlyList<NtkProjectionRow>? Projections,
    IReadOnlyList<NtkOutputRow>? Outputs,
    NtkSummary? Summary)
{
    /// <summary>Whether the manifest says the run finished.</summary>
    public bool IsFinished => Manifest.Finished && Manifest.Status == "finished";

    /// <summary>The eigenvector indices of projections.csv, ascending.</summary>
    public int[] ProjectedIndices => [.. (Projections ?? []).Select(r => r.K).Distinct().Order()];

    /// <summary>The steps of outputs.csv, ascending.</summary>
    public long[] OutputSteps => [.. (Outputs ?? []).Select(r => r.Step).Distinct().Order()];
}
