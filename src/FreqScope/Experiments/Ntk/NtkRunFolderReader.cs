using System.Text.Json;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// Reads an <c>ntk</c> run folder into an <see cref="NtkRunData"/>. config.json, manifest.json and trajectory.csv are
/// required; eigen.csv, projections.csv and outputs.csv are read when present, and summary.json is absent while the
/// run is going or after a failure. Every problem is an <see cref="InvalidDataException"/> naming the file, and for
/// CSV files the line, value and column (the rules and messages of <see cref="FitRunFolderReader"/>).
/// </summary>
public static class NtkRunFolderReader
{
    /// <summary>Reads and validates every data file of the run folder.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The parsed run.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static NtkRunData Read(string runDir)
    {
        var (dir, configText, name, manifest) = RunFiles.Open(runDir, ParseName);
        NtkTrajectoryRow[] trajectory = NtkTrajectoryRow.Csv.Read(dir);
        NtkEigenRow[]? eigen = NtkEigenRow.Csv.ReadOptional(dir);
        NtkProjectionRow[]? projections = NtkProjectionRow.Csv.ReadOptional(dir);
        NtkOutputRow[]? outputs = NtkOutputRow.Csv.ReadOptional(dir);
        var summary = RunFiles.OptionalSummary<NtkSummary>(dir);
        return new NtkRunData(dir, configText, name, manifest, eigen, trajectory, projections, outputs, summary);
    }

    private static string? ParseName(string configText)
    {
        using JsonDocument document = RunFiles.ParseJson(configText, RunFolder.ConfigFile);
        RunFiles.CheckExperiment(document.RootElement, NtkExperimentConfig.Ntk, RunFolder.ConfigFile);
        return RunFiles.OptionalString(document.RootElement, "name", RunFolder.ConfigFile);
    }
}
