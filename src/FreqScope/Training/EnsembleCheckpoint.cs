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
/// <param name="FileRows">Per member, the rows of each data file at <paramref name="Step"/> (a diverged member's: where it stopped).</param>
public sealed record EnsembleCheckpoint(long Step, IReadOnlyList<string> Members, IReadOnlyList<IReadOnlyDictionary<string, long>> FileRows)
{
    /// <summary>
    /// Per member, the step at whose probe its loss stopped being a finite number (its folder then says
    /// <c>diverged</c> and records no more while the others train on), or null; null as a whole when none diverged.
    /// </summary>
    public IReadOnlyList<long?>? DivergedAt { get; init; }

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
        var path = Path.Combine(dir, "state.json");
        EnsembleCheckpoint state;
        try
        {
            state = JsonSerializer.Deserialize<EnsembleCheckpoint>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: cannot resume, the checkpoint is not valid JSON ({e.Message})", e);
        }

        try
        {
            model.load(Path.Combine(dir, "model.bin"));
            using var fs = File.OpenRead(Path.Combine(dir, "optimizer.bin"));
            using var r = new BinaryReader(fs);
            trainer.LoadState(r);
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException or IOException or FormatException
            or System.Runtime.InteropServices.ExternalException or InvalidOperationException)
        {
            throw new InvalidDataException($"{dir}: cannot resume, its model or optimizer file cannot be read ({e.Message.Split('\n', 2)[0]}); the checkpoint is damaged", e);
        }

        return state;
    }
}
