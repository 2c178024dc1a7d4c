using System.Text.Json;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;

namespace FreqScope.Core.Runs;

/// <summary>
/// The life cycle of a run folder that every experiment shares: creating it (only when absent or empty) with its
/// config.json, checking that a folder can be resumed, reading and writing manifest.json atomically, writing
/// summary.json, and marking a failed run so that nothing in it looks complete.
/// </summary>
public static class RunFolder
{
    public const string ConfigFile = "config.json";
    public const string ManifestFile = "manifest.json";
    public const string SummaryFile = "summary.json";

    /// <summary>The folder of a run's figures.</summary>
    public const string PlotsFolder = "plots";

    /// <summary>The report's file name.</summary>
    public const string ReportFile = "report.html";

    /// <summary>The JSON form of every run folder's own files (manifest, summary, sweep tables): indented camelCase, NaN and ∞ allowed.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text of <paramref name="file"/> in <paramref name="dir"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing.</exception>
    public static string ReadRequired(string dir, string file)
    {
        string path = Path.Combine(dir, file);
        if (!File.Exists(path)) throw new InvalidDataException($"{file}: missing (required in a run folder: {path})");
        return File.ReadAllText(path);
    }

    /// <summary>The text of <paramref name="file"/> in <paramref name="dir"/>, or null when it does not exist.</summary>
    public static string? ReadOptional(string dir, string file)
    {
        string path = Path.Combine(dir, file);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>Creates <paramref name="runDir"/> (refusing a non-empty one) and writes its config.json.</summary>
    public static void Create(string runDir, string configJson)
    {
        if (Directory.Exists(runDir) && Directory.EnumerateFileSystemEntries(runDir).Any())
            throw new InvalidOperationException($"the output folder {runDir} already exists and is not empty; choose another --out, or continue it with --resume {runDir}");
        try
        {
            Directory.CreateDirectory(runDir);
            AtomicFile.WriteAllText(Path.Combine(runDir, ConfigFile), configJson);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the run folder {runDir}: {e.Message}", e);
        }
    }

    /// <summary>The config.json of a folder to resume; an error when it has none.</summary>
    public static string ResumeConfigPath(string runDir)
    {
        var configPath = Path.Combine(runDir, ConfigFile);
        if (!File.Exists(configPath))
            throw new InvalidOperationException($"cannot resume {runDir}: it has no config.json (is it a FreqScope run folder?)");
        return configPath;
    }

    /// <summary>
    /// The config and manifest of a folder to resume, which must hold a <paramref name="kind"/> experiment that has
    /// not finished; an error otherwise.
    /// </summary>
    /// <exception cref="Config.ConfigException">Its config.json is invalid.</exception>
    public static (IExperimentConfig Config, RunManifest Previous) ReadResumable(IExperimentKind kind, string runDir)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var path = ResumeConfigPath(runDir);
        using var document = ConfigNode.Parse(ConfigNode.ReadFile(path), path);
        var root = ConfigNode.Root(path, document.RootElement);
        if (root.Optional("experiment")?.GetString() != kind.Name)
            throw new InvalidOperationException($"cannot resume {runDir}: its config.json is not a {kind.Name} experiment");
        var config = kind.Read(root);
        var previous = ReadManifest(runDir);
        if (previous.Status == RunStatus.Finished)
        {
            var done = previous.EpochsCompleted is int epochs ? $"{epochs} epochs" : $"{previous.StepsCompleted} steps";
            throw new InvalidOperationException($"cannot resume {runDir}: the run has already finished ({done})");
        }

        return (config, previous);
    }

    /// <summary>Reads a run folder's manifest.json.</summary>
    public static RunManifest ReadManifest(string runDir)
    {
        var path = Path.Combine(runDir, ManifestFile);
        if (!File.Exists(path)) throw new InvalidOperationException($"{runDir} has no manifest.json (is it a FreqScope run folder?)");
        return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty");
    }

    /// <summary>A run folder's manifest.json, or null when it has none or it cannot be read.</summary>
    public static RunManifest? TryReadManifest(string runDir)
    {
        try
        {
            return File.Exists(Path.Combine(runDir, ManifestFile)) ? ReadManifest(runDir) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Writes manifest.json atomically.</summary>
    public static void WriteManifest(string runDir, RunManifest manifest) =>
        AtomicFile.WriteAllText(Path.Combine(runDir, ManifestFile), JsonSerializer.Serialize(manifest, Json) + "\n");

    /// <summary>Writes summary.json atomically.</summary>
    public static void WriteSummary<T>(string runDir, T summary) =>
        AtomicFile.WriteAllText(Path.Combine(runDir, SummaryFile), JsonSerializer.Serialize(summary, Json) + "\n");

    /// <summary>Writes the failed manifest and removes a summary.json left from an earlier stop, so the folder never looks complete.</summary>
    public static void MarkFailed(string runDir, RunManifest failed)
    {
        WriteManifest(runDir, failed);
        var stale = Path.Combine(runDir, SummaryFile);
        if (File.Exists(stale)) File.Delete(stale);
    }
}
