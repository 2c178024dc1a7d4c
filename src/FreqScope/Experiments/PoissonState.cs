using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using FreqScope.Core.Runs;

namespace FreqScope.Experiments;

/// <summary>
/// A poisson run's checkpoint (<c>checkpoint/state.json</c>): the finished methods' summaries, the CSV row
/// counts they match, and the network's handovers; the network's outputs at the handovers and at its last step are
/// stored beside it as raw little-endian float64 files (<c>handover-T.bin</c>, <c>network.bin</c>).
/// </summary>
internal sealed class PoissonState
{
    public Dictionary<string, long> Rows { get; set; } = [];
    public List<PoissonMethodSummary> Methods { get; init; } = [];

    /// <summary>The names of the finished methods, in the order they ran.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Completed => Methods.ConvertAll(m => m.Method);
    public List<HandoverRecord> Handovers { get; init; } = [];

    /// <summary>One handover: the network step, its training seconds up to then, and its error ‖u − u_h‖∞.</summary>
    public sealed record HandoverRecord(long Step, double Seconds, double Error);

    private static string Folder(string runDir) => Path.Combine(runDir, Checkpoint.FolderName);

    public static PoissonState Load(string runDir)
    {
        var path = Path.Combine(Folder(runDir), "state.json");
        try
        {
            return JsonSerializer.Deserialize<PoissonState>(File.ReadAllText(path), RunFolder.Json)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: cannot resume, the checkpoint is not valid JSON ({e.Message})", e);
        }
    }

    public void Save(string runDir, Dictionary<string, long> rows)
    {
        Rows = rows;
        Directory.CreateDirectory(Folder(runDir));
        AtomicFile.WriteAllText(Path.Combine(Folder(runDir), "state.json"), JsonSerializer.Serialize(this, RunFolder.Json) + "\n");
    }

    public void SaveHandover(string runDir, long step, double seconds, double error, double[] output)
    {
        Directory.CreateDirectory(Folder(runDir));
        AtomicFile.WriteAllBytes(Path.Combine(Folder(runDir), $"handover-{step}.bin"), MemoryMarshal.AsBytes(output.AsSpan()));
        Handovers.RemoveAll(h => h.Step == step);
        Handovers.Add(new HandoverRecord(step, seconds, error));
    }

    public void SaveNetworkOutput(string runDir, double[] output)
    {
        Directory.CreateDirectory(Folder(runDir));
        AtomicFile.WriteAllBytes(Path.Combine(Folder(runDir), "network.bin"), MemoryMarshal.AsBytes(output.AsSpan()));
    }

    public double[] HandoverOutput(string runDir, long step, int unknowns) =>
        ReadVector(Path.Combine(Folder(runDir), $"handover-{step}.bin"), unknowns)
        ?? throw new InvalidDataException($"{Path.Combine(Folder(runDir), $"handover-{step}.bin")} is missing: the network's output at step {step} is needed for the hybrid");

    /// <summary>The network's final output on the grid, or null when no network ran.</summary>
    public double[]? NetworkOutput(string runDir, int unknowns) =>
        Completed.Contains(PoissonExperiment.Network) ? ReadVector(Path.Combine(Folder(runDir), "network.bin"), unknowns) : null;

    private static double[]? ReadVector(string path, int unknowns)
    {
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != unknowns * sizeof(double))
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, expected {unknowns * sizeof(double)} ({unknowns} float64 values)");
        return MemoryMarshal.Cast<byte, double>(bytes).ToArray();
    }
}
