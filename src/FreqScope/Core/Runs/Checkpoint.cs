using System.Text.Json;
using static TorchSharp.torch;

namespace FreqScope.Core.Runs;

/// <summary>
/// A resumable training state in <c>RUN_DIR/checkpoint/</c>: <c>model.bin</c> (TorchSharp module format: every
/// parameter and buffer, e.g. BatchNorm running statistics),
/// <c>optimizer.bin</c> (TorchSharp optimizer state, e.g. Adam's moments and step counts), and <c>state.json</c>
/// (step, batch-sampler state, torch RNG state, and how many rows each data file had at that step).
/// It is written into <c>checkpoint.new/</c> and then swapped in, so a crash never leaves a half checkpoint.
/// </summary>
public sealed record Checkpoint(
    long Step,
    ulong SamplerState,
    int[] SamplerPermutation,
    int SamplerPosition,
    string TorchRngState,
    IReadOnlyDictionary<string, long> FileRows)
{
    public const string FolderName = "checkpoint";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Save(string runDir, Checkpoint state, nn.Module model, optim.Optimizer optimizer) =>
        WriteAtomically(runDir, model, w => ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(w), JsonSerializer.Serialize(state, Json));

    /// <summary>
    /// Writes <c>model.bin</c>, <c>optimizer.bin</c> (by <paramref name="writeOptimizer"/>) and <c>state.json</c> into
    /// <c>checkpoint.new</c> under <paramref name="dir"/>, then swaps it in for <c>checkpoint</c> (the previous one is
    /// kept as <c>checkpoint.old</c> until the swap is done), so a crash leaves one complete checkpoint.
    /// </summary>
    internal static void WriteAtomically(string dir, nn.Module model, Action<BinaryWriter> writeOptimizer, string stateJson)
    {
        var final = Path.Combine(dir, FolderName);
        var fresh = final + ".new";
        var old = final + ".old";
        if (Directory.Exists(fresh)) Directory.Delete(fresh, true);
        Directory.CreateDirectory(fresh);
        model.save(Path.Combine(fresh, "model.bin"));
        using (var fs = File.Create(Path.Combine(fresh, "optimizer.bin")))
        using (var w = new BinaryWriter(fs))
        {
            writeOptimizer(w);
        }
        File.WriteAllText(Path.Combine(fresh, "state.json"), stateJson);
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(final)) Directory.Move(final, old);
        Directory.Move(fresh, final);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    /// <summary>The folder holding the newest complete checkpoint, or null if the run has none.</summary>
    public static string? Locate(string runDir)
    {
        foreach (var name in new[] { FolderName, FolderName + ".old" })
        {
            var dir = Path.Combine(runDir, name);
            if (File.Exists(Path.Combine(dir, "state.json"))) return dir;
        }
        return null;
    }

    /// <summary>Reads the state and loads model and optimizer from the newest checkpoint.</summary>
    public static Checkpoint Load(string runDir, nn.Module model, optim.Optimizer optimizer)
    {
        var dir = Locate(runDir) ?? throw new InvalidOperationException($"{runDir} has no checkpoint to resume from (expected {Path.Combine(runDir, FolderName, "state.json")})");
        var state = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(Path.Combine(dir, "state.json")))
            ?? throw new InvalidDataException($"{Path.Combine(dir, "state.json")} is empty");
        model.load(Path.Combine(dir, "model.bin"));
        using var fs = File.OpenRead(Path.Combine(dir, "optimizer.bin"));
        using var r = new BinaryReader(fs);
        try
        {
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(r);
        }
        catch (ArgumentException e)
        {
            // Since FreqScope packs parameters into one buffer the optimizer holds one state; older checkpoints hold one per tensor.
            throw new InvalidDataException($"{Path.Combine(dir, "optimizer.bin")} does not fit this run's optimizer ({e.Message}); "
                + "it was probably written by an older FreqScope, whose checkpoints cannot be resumed: run the config again", e);
        }

        return state;
    }

    /// <summary>The default CPU generator's state as base64, to restore with <see cref="RestoreRng"/>.</summary>
    public static string CaptureRng()
    {
        using var s = get_rng_state();
        return Convert.ToBase64String(s.data<byte>().ToArray());
    }

    public static void RestoreRng(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        using var s = tensor(bytes, dtype: ScalarType.Byte);
        set_rng_state(s);
    }
}
