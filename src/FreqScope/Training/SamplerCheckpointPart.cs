using System.Text.Json.Nodes;
using FreqScope.Core.Runs;

namespace FreqScope.Training;

/// <summary>A <see cref="BatchSampler"/>'s position in its shuffled epoch, so that a resumed run draws the same batches.</summary>
public sealed class SamplerCheckpointPart(BatchSampler sampler) : ICheckpointPart
{
    /// <inheritdoc/>
    public string Key => "sampler";

    /// <inheritdoc/>
    public JsonNode? Save(string directory)
    {
        var (state, permutation, position) = sampler.Save();
        return new JsonObject { ["state"] = state, ["permutation"] = new JsonArray([.. permutation.Select(i => (JsonNode)i)]), ["position"] = position };
    }

    /// <inheritdoc/>
    public void Load(string directory, JsonNode? state)
    {
        if (state is not JsonObject saved) throw new InvalidDataException($"{directory}: the checkpoint's sampler state is missing");
        sampler.Restore(saved["state"]!.GetValue<ulong>(), [.. saved["permutation"]!.AsArray().Select(i => i!.GetValue<int>())], saved["position"]!.GetValue<int>());
    }
}
