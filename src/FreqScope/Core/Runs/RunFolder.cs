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
        return Live(dir, file, File.ReadAllText(path));
    }

    /// <summary>
    /// A data table of a running run loses a last line that has no newline yet (<see cref="LiveRun.CompleteLines"/>);
    /// any other file is read as it is, so a damaged table of an ended run is still refused.
    /// </summary>
    private static string Live(string dir, string file, string text) =>
        file.EndsWith(".csv", StringComparison.Ordinal) && !text.EndsWith('\n') && text.Length > 0 && LiveRun.IsRunning(dir)
            ? LiveRun.CompleteLines(text)
            : text;

    /// <summary>The text of <paramref name="file"/> in <paramref name="dir"/>, or null when it does not exist.</summary>
    public static string? ReadOptional(string dir, string file)
    {
        string path = Path.Combine(dir, file);
        return File.Exists(path) ? Live(dir, file, File.ReadAllText(path)) : null;
    }

    /// <summary>
    /// Creates <paramref name="runDir"/> (refusing a non-empty one), takes its <see cref="FolderLock"/> and writes its
    /// config.json; the caller holds the lock until the run ends.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder is not empty, or another process holds its lock.</exception>
    /// <exception cref="IOException">The folder cannot be written (the message names it).</exception>
    public static FolderLock Create(string runDir, string configJson)
    {
        void RefuseNotEmpty()
        {
            if (HasContent(runDir))
                throw new InvalidOperationException($"the output folder {runDir} already exists and is not empty; choose another --out, or continue it with --resume {runDir}");
        }

        RefuseNotEmpty();
        try
        {
            Directory.CreateDirectory(runDir);
            var held = FolderLock.Acquire(runDir, $"cannot create the run folder {runDir}");
            try
            {
                // Another process may have created the run between the first look and the lock.
                RefuseNotEmpty();
                RemoveStaleTemporaries(runDir);
                AtomicFile.WriteAllText(Path.Combine(runDir, ConfigFile), configJson);
                return held;
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the run folder {runDir}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Whether <paramref name="dir"/> exists and holds anything besides its <see cref="FolderLock"/> file and the
    /// temporary files of a writer killed before its first file was in place (<see cref="AtomicFile.TemporaryPath"/>).
    /// </summary>
    public static bool HasContent(string dir) =>
        Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName)
            .Any(name => name != FolderLock.FileName && !name!.Contains(AtomicFile.TemporarySuffix, StringComparison.Ordinal));

    /// <summary>
    /// Empties <paramref name="runDir"/> to run it again from nothing, under its <see cref="FolderLock"/>: a folder that
    /// another process is still writing is refused (the message names it) and left as it is.
    /// </summary>
    public static void Clear(string runDir)
    {
        using var held = FolderLock.Acquire(runDir, $"cannot run {runDir} again");
        foreach (var entry in Directory.EnumerateFileSystemEntries(runDir).Where(e => Path.GetFileName(e) != FolderLock.FileName).ToList())
        {
            if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
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
    /// not finished and that no other process is writing, with its <see cref="FolderLock"/> taken for the caller;
    /// an error otherwise. The manifest is null for a folder killed before it had one (it runs again from step 0).
    /// Temporary files that a killed writer left (<see cref="AtomicFile.TemporaryPath"/>) are removed.
    /// </summary>
    /// <exception cref="Config.ConfigException">Its config.json is invalid.</exception>
    /// <param name="kind">The kind the folder must hold.</param>
    /// <param name="runDir">The run folder.</param>
    /// <param name="ensembleMember">Whether the caller resumes the folder as a member of a fit1d ensemble, whose group
    /// goes on after one member diverged: such a member's diverged manifest is then accepted.</param>
    /// <exception cref="InvalidOperationException">It is not resumable, or another process holds its lock (the message names it).</exception>
    public static (IExperimentConfig Config, RunManifest? Previous, FolderLock Lock) ReadResumable(IExperimentKind kind, string runDir, bool ensembleMember = false)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var path = ResumeConfigPath(runDir);
        var held = FolderLock.Acquire(runDir, $"cannot resume {runDir}");
        try
        {
            var (config, previous) = ReadUnfinished(kind, runDir, path, ensembleMember);
            RemoveStaleTemporaries(runDir);
            return (config, previous, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Removes the temporary files a killed writer left under <paramref name="dir"/> (in its subfolders too, unless
    /// <paramref name="search"/> says only the top level); only the holder of the folder's lock calls it.
    /// </summary>
    internal static void RemoveStaleTemporaries(string dir, SearchOption search = SearchOption.AllDirectories)
    {
        foreach (var stale in Directory.EnumerateFiles(dir, "*" + AtomicFile.TemporarySuffix + "*", search).ToList())
            File.Delete(stale);
    }

    /// <summary>The config of a run folder of <paramref name="kind"/>, read and validated from its config.json.</summary>
    /// <exception cref="ConfigException">config.json is missing a value or holds a bad one.</exception>
    /// <exception cref="InvalidDataException">config.json is missing or unreadable.</exception>
    public static IExperimentConfig ReadConfig(IExperimentKind kind, string runDir)
    {
        ArgumentNullException.ThrowIfNull(kind);
        string path = Path.Combine(runDir, ConfigFile);
        if (!File.Exists(path)) throw new InvalidDataException($"{ConfigFile}: missing (required in a run folder: {path})");
        using var document = ConfigNode.Parse(ConfigNode.ReadFile(path), path);
        return kind.Read(ConfigNode.Root(path, document.RootElement));
    }

    private static (IExperimentConfig Config, RunManifest? Previous) ReadUnfinished(IExperimentKind kind, string runDir, string path, bool ensembleMember)
    {
        using var document = ConfigNode.Parse(ConfigNode.ReadFile(path), path);
        var root = ConfigNode.Root(path, document.RootElement);
        if (root.Optional("experiment")?.GetString() != kind.Name)
            throw new InvalidOperationException($"cannot resume {runDir}: its config.json is not a {kind.Name} experiment");
        var config = kind.Read(root);
        var previous = File.Exists(Path.Combine(runDir, ManifestFile)) ? ReadManifest(runDir) : null;
        if (previous?.Status == RunStatus.Diverged && !(ensembleMember && previous.Ensemble is not null))
            throw new InvalidOperationException($"cannot resume {runDir}: {previous.Error ?? "its training diverged"}; change the config (a smaller learning rate, another initialisation) and run it again");
        if (previous?.Status == RunStatus.Finished)
        {
            var done = previous.EpochsCompleted is int epochs ? $"{epochs} epochs" : $"{previous.StepsCompleted} steps";
            throw new InvalidOperationException($"cannot resume {runDir}: the run has already finished ({done})");
        }

        return (config, previous);
    }

    /// <summary>Reads a run folder's manifest.json.</summary>
    /// <exception cref="InvalidOperationException">The folder has no manifest.json.</exception>
    /// <exception cref="InvalidDataException">manifest.json is empty or not a manifest.</exception>
    public static RunManifest ReadManifest(string runDir)
    {
        var path = Path.Combine(runDir, ManifestFile);
        if (!File.Exists(path)) throw new InvalidOperationException($"{runDir} has no manifest.json (is it a FreqScope run folder?)");
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a readable manifest ({e.Message}); it is written whole or not at all, so it was changed outside FreqScope", e);
        }
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
    public static void WriteManifest(string runDir, RunManifest manifest)
    {
        AtomicFile.WriteAllText(Path.Combine(runDir, ManifestFile), ManifestText(manifest));
        FaultPoint.Reach(FaultPoint.ManifestWritten);
    }

    /// <summary>Writes summary.json atomically.</summary>
    public static void WriteSummary<T>(string runDir, T summary)
    {
        AtomicFile.WriteAllText(Path.Combine(runDir, SummaryFile), JsonSerializer.Serialize(summary, Json) + "\n");
        FaultPoint.Reach(FaultPoint.SummaryWritten);
    }

    /// <summary>
    /// Builds a stopped run's report with <paramref name="build"/> without letting a failure touch the run: the reason
    /// is recorded as the manifest's <see cref="RunManifest.ReportError"/> (removed again after a success) and
    /// returned; null when the report was built.
    /// </summary>
    public static string? TryBuildReport(string runDir, Action build)
    {
        ArgumentNullException.ThrowIfNull(build);
        string? error = null;
        try
        {
            build();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = ReportFailure(e);
        }

        RecordReport(runDir, error);
        return error;
    }

    /// <summary>What <see cref="RunManifest.ReportError"/> records of a failed report build: the message's first line.</summary>
    public static string ReportFailure(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Message.Split('\n', 2)[0].Trim();
    }

    /// <summary>
    /// Sets the manifest's <see cref="RunManifest.ReportError"/> to <paramref name="error"/> (null: the report was
    /// built), when the folder has a manifest; a manifest that cannot be written (a full disk) keeps what it says.
    /// Only the folder's writer (the holder of its <see cref="FolderLock"/>) calls this.
    /// </summary>
    public static void RecordReport(string runDir, string? error)
    {
        try
        {
            if (TryReadManifest(runDir) is { } manifest && manifest.ReportError != error)
                WriteManifest(runDir, manifest with { ReportError = error });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The manifest keeps its status; the caller still learns what failed.
        }
    }

    /// <summary>Writes the failed manifest and removes a summary.json left from an earlier stop, so the folder never looks complete.</summary>
    /// <remarks>
    /// On a full disk the atomic write, which needs room for a second copy, fails; the manifest is then overwritten in
    /// place (truncated first, so its own blocks take the new text), which a full disk still allows.
    /// </remarks>
    public static void MarkFailed(string runDir, RunManifest failed)
    {
        var stale = Path.Combine(runDir, SummaryFile);
        if (File.Exists(stale)) File.Delete(stale);
        try
        {
            WriteManifest(runDir, failed);
        }
        catch (IOException)
        {
            File.WriteAllText(Path.Combine(runDir, ManifestFile), ManifestText(failed));
        }
    }

    private static string ManifestText(RunManifest manifest) => JsonSerializer.Serialize(manifest, Json) + "\n";
}
