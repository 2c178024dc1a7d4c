using System.Text.Json;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Sweeps;

/// <summary>
/// Builds the report of any run or sweep folder: a run folder's config.json names its kind
/// (<see cref="ExperimentKinds.Registry"/>), whose <see cref="IExperimentKind.BuildReport"/> rebuilds it.
/// </summary>
public static class RunReport
{
    /// <summary>Rebuilds plots/ and report.html of a run folder (through its kind's <see cref="IExperimentKind.BuildReport"/>) or of a sweep folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">config.json names no known kind, or a data file is malformed.</exception>
    public static ReportResult Build(string runDir)
    {
        if (SweepReport.IsSweepFolder(runDir)) return SweepReport.Build(runDir);
        var kind = KindOf(runDir);
        try
        {
            var built = kind.BuildReport(runDir);
            Record(runDir, null);
            return built;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Record(runDir, RunFolder.ReportFailure(e));
            throw;
        }
    }

    /// <summary>
    /// Records the report's outcome in the manifest (<see cref="RunFolder.RecordReport"/>) when no process is writing
    /// the folder; a running run's manifest belongs to its writer and is left alone.
    /// </summary>
    private static void Record(string runDir, string? error)
    {
        try
        {
            using var held = FolderLock.Acquire(runDir, "report");
            RunFolder.RecordReport(runDir, error);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Being written, or read-only: the report's own outcome is what the caller sees.
        }
    }

    /// <summary>The experiment kind of the run folder: config.json's <c>experiment</c>, or the registry's default kind when absent.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">config.json is missing or malformed, or names no known kind.</exception>
    public static IExperimentKind KindOf(string runDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"run folder not found: {dir}");
        }

        const string file = RunFolder.ConfigFile;
        var registry = ExperimentKinds.Registry;
        using JsonDocument document = RunFiles.ParseJson(RunFolder.ReadRequired(dir, file), file);
        string experiment = RunFiles.OptionalString(document.RootElement, "experiment", file) ?? registry.Default.Name;
        return registry.Find(experiment) ?? throw new InvalidDataException(
            $"{file}: \"experiment\" is \"{experiment}\"; reports exist for {ListText(registry.Names.Select(e => $"\"{e}\"").ToArray())}");
    }

    private static string ListText(string[] items) =>
        items.Length <= 1 ? string.Concat(items) : string.Join(", ", items[..^1]) + " and " + items[^1];
}
