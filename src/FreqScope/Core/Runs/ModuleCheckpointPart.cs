using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace FreqScope.Core.Runs;

/// <summary>A network's parameters and buffers (BatchNorm statistics too) as <c>model.bin</c>, TorchSharp's module format.</summary>
public sealed class ModuleCheckpointPart(nn.Module module) : ICheckpointPart
{
    /// <inheritdoc/>
    public string Key => "model";

    /// <inheritdoc/>
    public JsonNode? Save(string directory)
    {
        module.save(Path.Combine(directory, "model.bin"));
        return null;
    }

    /// <inheritdoc/>
    public void Load(string directory, JsonNode? state) => module.load(Path.Combine(directory, "model.bin"));
}
