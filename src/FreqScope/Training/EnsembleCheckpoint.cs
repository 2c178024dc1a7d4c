using System.Text.Json;
using FreqScope.Core.Runs;
using FreqScope.Models;

namespace FreqScope.Training;

/// <summary>
/// The shared checkpoint of an ensemble in <c>GROUP_DIR/checkpoint/</c>: <c>model.bin</c> (the stacked parameters,
/// TorchSharp module format), <c>optimizer.bin</c> (<see cref="EnsembleTrainer.SaveState"/>) and <c>state.json</c>
/// (the step, the members' run folders in order, and how many rows each member's data files had). Written into
/// <c>checkpoint.new/</c> and swapped in, so a crash never leaves half a checkpoint. Full-batch training draws no
/// random numbers, so no generator state is kept.
/// </summary>
/// <param name="Step">Steps completed.</param>
/// <param name="Members">Each member's run-folder name, in ensemble order.</param>
/// <param name="FileRows">Per member, the rows of each data file at <paramref name="Step"/>.</param>
public sealed record EnsembleCheckpoint(long Step, IReadOnlyList<string> Members, IReadOnlyList<IReadOnlyDictionary<string, long>> FileRows)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the checkpoint atomically under <paramref name="groupDir"/>.</summary>
    public static void Save(string groupDir, EnsembleCheckpoint state, EnsembleMlp model, EnsembleTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainer);
        Checkpoint.WriteAtomically(groupDir, folder =>
        {
            model.save(Path.Combine(folder, "model.bin"));
            using (var stream = File.Create(Path.Combine(folder, "optimizer.bin")))
            using (var writer = new BinaryWriter(stream))
            {
                trainer.SaveState(writer);
            }

            AtomicFile.WriteAllText(Path.Combine(folder, Checkpoint.StateFile), JsonSerializer.Serialize(state, Json));
        });
    }

    /// <summary>The state.json of the newest complete checkpoint under <paramref name="groupDir"/>, or null.</summary>
    public static EnsembleCheckpoint? Peek(string groupDir)
    {
        var dir = Checkpoint.Locate(groupDir);
        if (dir is null) return null;
        try
        {
            return JsonSerializer.Deserialize<EnsembleCheckpoint>(File.ReadAllText(Path.Combine(dir, "state.json")));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Loads the newest checkpoint into <paramref name="model"/> and <paramref name="trainer"/> and returns its state.</summary>
    /// <exception cref="InvalidOperationException">There is no checkpoint.</exception>
    public static EnsembleCheckpoint Load(string groupDir, EnsembleMlp model, EnsembleTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainer);
        Checkpoint.Recover(groupDir);
        var dir = Checkpoint.Locate(groupDir) ?? throw new InvalidOperationException($"{groupDir} has no ensemble checkpoint to resume from");
        var state = JsonSerializer.Deserialize<EnsembleCheckpoint>(File.ReadAllText(Path.Combine(dir, "state.json")))
            ?? throw new InvalidDataException($"{Path.Combine(dir, "state.json")} is empty");
        model.load(Path.Combine(dir, "model.bin"));
        using var fs = File.OpenRead(Path.Combine(dir, "optimizer.bin"));
        using var r = new BinaryReader(fs);
        trainer.LoadState(r);
        return state;
    }
}
