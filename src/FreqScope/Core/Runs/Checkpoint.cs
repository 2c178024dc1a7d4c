using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace FreqScope.Core.Runs;

/// <summary>
/// A run's resumable state in <c>RUN_DIR/checkpoint/</c>: <c>state.json</c> (the step, how many rows each data file had
/// at that step, and the JSON of each <see cref="ICheckpointPart"/> under its key) and the parts' own files (such as
/// <c>model.bin</c>, <c>optimizer.bin</c>). It is written into <c>checkpoint.new/</c> and then swapped in, so a crash
/// never leaves a half checkpoint. The <c>state.json</c> of FreqScope versions before the parts (PascalCase keys, the
/// sampler and generator inline) is read too.
/// </summary>
public static class Checkpoint
{
    /// <summary>The checkpoint folder's name.</summary>
    public const string FolderName = "checkpoint";

    /// <summary>The state file's name.</summary>
    public const string StateFile = "state.json";

    /// <summary>
    /// Writes a checkpoint at <paramref name="step"/> with the tables' <paramref name="rows"/>, every part and the run's
    /// wall seconds so far (<paramref name="wallSeconds"/>, every process of it) into <paramref name="runDir"/>;
    /// <paramref name="complete"/> marks the checkpoint after the last training step (see <see cref="CheckpointState.Complete"/>).
    /// </summary>
    public static void Save(string runDir, long step, IReadOnlyDictionary<string, long> rows, IReadOnlyList<ICheckpointPart> parts, double? wallSeconds = null,
        bool complete = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(parts);
        WriteAtomically(runDir, folder =>
        {
            var saved = new JsonObject();
            foreach (var part in parts) saved[part.Key] = part.Save(folder);
            var state = new JsonObject
            {
                ["step"] = step,
                ["wallSeconds"] = wallSeconds,
                ["fileRows"] = new JsonObject(rows.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
                ["parts"] = saved,
            };
            if (complete) state["complete"] = true;
            // Written last and atomically: its presence marks the folder complete.
            AtomicFile.WriteAllText(Path.Combine(folder, StateFile), state.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        });
    }

    /// <summary>
    /// Reads the newest checkpoint of <paramref name="runDir"/> and restores every part from it; a checkpoint left
    /// between two names by a crash is first put back as <c>checkpoint/</c> (<see cref="Recover"/>), where parts that
    /// keep files of their own beside it find them.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no checkpoint.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is malformed, lacks a part, or was written by a FreqScope whose checkpoints cannot be resumed.</exception>
    public static CheckpointState Load(string runDir, IReadOnlyList<ICheckpointPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Recover(runDir);
        var dir = Locate(runDir) ?? throw new InvalidOperationException($"{runDir} has no checkpoint to resume from (expected {Path.Combine(runDir, FolderName, StateFile)})");
        var path = Path.Combine(dir, StateFile);
        JsonObject state;
        try
        {
            state = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: cannot resume, the checkpoint is not valid JSON ({e.Message})", e);
        }

        if (state.ContainsKey("Step")) state = FromFirstFormat(state);
        if (!state.ContainsKey("step") || state["parts"] is not JsonObject saved)
            throw new InvalidDataException($"{path} was probably written by an older FreqScope, whose checkpoints cannot be resumed: run the config again");
        foreach (var part in parts)
        {
            if (!saved.ContainsKey(part.Key)) throw new InvalidDataException($"{path} has no \"{part.Key}\" part; it does not belong to this run's kind");
            try
            {
                part.Load(dir, saved[part.Key]);
            }
            catch (Exception e) when (e is ArgumentException or EndOfStreamException or IOException or FormatException or JsonException
                or System.Runtime.InteropServices.ExternalException or InvalidOperationException)
            {
                // A checkpoint is written whole before it is swapped in, so a part that cannot be read was damaged since.
                throw new InvalidDataException($"{dir}: cannot resume, its \"{part.Key}\" part cannot be read ({e.Message.Split('\n', 2)[0]}); the checkpoint is damaged", e);
            }
        }

        var rows = (state["fileRows"] as JsonObject ?? []).ToDictionary(r => r.Key, r => r.Value!.GetValue<long>());
        return new CheckpointState(state["step"]!.GetValue<long>(), rows) { WallSeconds = state["wallSeconds"]?.GetValue<double>(), Complete = state["complete"]?.GetValue<bool>() ?? false };
    }

    /// <summary>The state of the first checkpoint format (one record, PascalCase) in the parts format.</summary>
    private static JsonObject FromFirstFormat(JsonObject old)
    {
        var parts = new JsonObject { ["model"] = null, ["optimizer"] = null };
        if (old["SamplerPermutation"] is JsonArray permutation)
            parts["sampler"] = new JsonObject { ["state"] = old["SamplerState"]?.DeepClone(), ["permutation"] = permutation.DeepClone(), ["position"] = old["SamplerPosition"]?.DeepClone() };
        if (old["TorchRngState"] is JsonValue rng && rng.GetValue<string>().Length > 0) parts["rng"] = rng.DeepClone();
        return new JsonObject { ["step"] = old["Step"]?.DeepClone(), ["fileRows"] = old["FileRows"]?.DeepClone(), ["parts"] = parts };
    }

    /// <summary>
    /// Writes a checkpoint folder's files with <paramref name="write"/> into <c>checkpoint.new</c> under
    /// <paramref name="dir"/>, flushes them and the folder to disk, then swaps it in for <c>checkpoint</c> (the
    /// previous one is kept as <c>checkpoint.old</c> until the swap is done), so that a crash, or a power loss, at any
    /// point leaves at least one complete checkpoint. A folder left between two names by an earlier crash is put back
    /// first (<see cref="Recover"/>), so the newest complete checkpoint is never the one removed.
    /// </summary>
    public static void WriteAtomically(string dir, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Recover(dir);
        var final = Path.Combine(dir, FolderName);
        var fresh = final + ".new";
        var old = final + ".old";
        if (Directory.Exists(fresh)) Directory.Delete(fresh, true);
        Directory.CreateDirectory(fresh);
        try
        {
            write(fresh);
            FaultPoint.Reach(FaultPoint.CheckpointWritten);
            foreach (var file in Directory.GetFiles(fresh))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
                stream.Flush(flushToDisk: true);
            }

            Posix.SyncFolder(fresh);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A half-written checkpoint is of no use and, on a full disk, takes the room the failed manifest needs.
            try
            {
                Directory.Delete(fresh, true);
            }
            catch (IOException)
            {
                // The original error matters more.
            }

            throw;
        }

        // checkpoint exists here (Recover saw to it, or this is the first): it alone may be moved aside.
        if (Directory.Exists(final))
        {
            if (Directory.Exists(old)) Directory.Delete(old, true);
            Directory.Move(final, old);
            FaultPoint.Reach(FaultPoint.CheckpointMovedAside);
        }

        Directory.Move(fresh, final);
        Posix.SyncFolder(dir);
        FaultPoint.Reach(FaultPoint.CheckpointSwapped);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    /// <summary>
    /// When <c>checkpoint/</c> is missing after a crash in a swap, renames the newest complete one back to it: a
    /// complete <c>checkpoint.new/</c> (its state file is written last), else <c>checkpoint.old/</c>. Nothing is
    /// deleted.
    /// </summary>
    public static void Recover(string dir)
    {
        var final = Path.Combine(dir, FolderName);
        if (Directory.Exists(final)) return;
        if (Locate(dir) is { } newest && newest != final)
        {
            Directory.Move(newest, final);
            Posix.SyncFolder(dir);
        }
    }

    /// <summary>
    /// The folder holding the newest complete checkpoint, or null if the run has none: <c>checkpoint/</c>, else (a
    /// crash during a swap) a complete <c>checkpoint.new/</c>, else <c>checkpoint.old/</c>. A checkpoint is complete
    /// when its state file exists: it is written last, atomically.
    /// </summary>
    public static string? Locate(string runDir)
    {
        foreach (var name in new[] { FolderName, FolderName + ".new", FolderName + ".old" })
        {
            var dir = Path.Combine(runDir, name);
            if (File.Exists(Path.Combine(dir, StateFile))) return dir;
        }

        return null;
    }

    /// <summary>The default CPU generator's state as base64, to restore with <see cref="RestoreRng"/>.</summary>
    public static string CaptureRng()
    {
        using var s = get_rng_state();
        return Convert.ToBase64String(s.data<byte>().ToArray());
    }

    /// <summary>Restores the default CPU generator from <see cref="CaptureRng"/>'s text.</summary>
    public static void RestoreRng(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        using var s = tensor(bytes, dtype: ScalarType.Byte);
        set_rng_state(s);
    }
}
