using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FreqScope.Core.Runs;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// A poisson run's checkpoint part (<c>poisson</c> in <c>checkpoint/state.json</c>): the finished methods' summaries
/// and the network's handovers. The network's outputs at the handovers and at its last step are kept beside it in the
/// checkpoint folder as raw little-endian float64 files (<c>handover-T.bin</c>, <c>network.bin</c>), written when the
/// network produces them and carried into each new checkpoint.
/// </summary>
internal sealed class PoissonState(string runDir) : ICheckpointPart
{
    private static readonly JsonSerializerOptions Json = new(RunFolder.Json) { WriteIndented = false };

    /// <summary>The finished methods, in the order they ran.</summary>
    public List<PoissonMethodSummary> Methods { get; private set; } = [];

    /// <summary>The names of the finished methods, in the order they ran.</summary>
    public IReadOnlyList<string> Completed => Methods.ConvertAll(m => m.Method);

    /// <summary>The network's handovers so far.</summary>
    public List<HandoverRecord> Handovers { get; private set; } = [];

    /// <summary>One handover: the network step, its training seconds up to then, and its error ‖u − u_h‖∞.</summary>
    public sealed record HandoverRecord(long Step, double Seconds, double Error);

    /// <inheritdoc/>
    public string Key => "poisson";

    private string Folder => Path.Combine(runDir, Checkpoint.FolderName);

    /// <inheritdoc/>
    public JsonNode? Save(string directory)
    {
        // The network's outputs were written into the live checkpoint folder; the new one carries them on.
        if (Directory.Exists(Folder))
            foreach (var file in Directory.GetFiles(Folder, "*.bin").Where(f => Path.GetFileName(f) is not ("model.bin" or "optimizer.bin")))
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        return new JsonObject
        {
            ["methods"] = JsonSerializer.SerializeToNode(Methods, Json),
            ["handovers"] = JsonSerializer.SerializeToNode(Handovers, Json),
        };
    }

    /// <inheritdoc/>
    public void Load(string directory, JsonNode? state)
    {
        if (state is not JsonObject saved) throw new InvalidDataException($"{directory}: the checkpoint's poisson state is missing");
        Methods = saved["methods"].Deserialize<List<PoissonMethodSummary>>(Json) ?? [];
        Handovers = saved["handovers"].Deserialize<List<HandoverRecord>>(Json) ?? [];
    }

    public void SaveHandover(long step, double seconds, double error, double[] output)
    {
        Directory.CreateDirectory(Folder);
        AtomicFile.WriteAllBytes(Path.Combine(Folder, $"handover-{step}.bin"), MemoryMarshal.AsBytes(output.AsSpan()));
        Handovers.RemoveAll(h => h.Step == step);
        Handovers.Add(new HandoverRecord(step, seconds, error));
    }

    public void SaveNetworkOutput(double[] output)
    {
        Directory.CreateDirectory(Folder);
        AtomicFile.WriteAllBytes(Path.Combine(Folder, "network.bin"), MemoryMarshal.AsBytes(output.AsSpan()));
    }

    public double[] HandoverOutput(long step, int unknowns) =>
        ReadVector(Path.Combine(Folder, $"handover-{step}.bin"), unknowns)
        ?? throw new InvalidDataException($"{Path.Combine(Folder, $"handover-{step}.bin")} is missing: the network's output at step {step} is needed for the hybrid");

    /// <summary>The network's final output on the grid, or null when no network ran.</summary>
    public double[]? NetworkOutput(int unknowns) =>
        Completed.Contains(PoissonExperiment.Network) ? ReadVector(Path.Combine(Folder, "network.bin"), unknowns) : null;

    private static double[]? ReadVector(string path, int unknowns)
    {
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != unknowns * sizeof(double))
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, expected {unknowns * sizeof(double)} ({unknowns} float64 values)");
        return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
    }
}
