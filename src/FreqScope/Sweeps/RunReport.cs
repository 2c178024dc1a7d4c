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
    public static ReportResult Build(string runDir) => SweepReport.IsSweepFolder(runDir) ? SweepReport.Build(runDir) : KindOf(runDir).BuildReport(runDir);

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
