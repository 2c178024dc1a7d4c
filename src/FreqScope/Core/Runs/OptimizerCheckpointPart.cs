using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Core.Runs;

/// <summary>An optimizer's state (Adam's moments and step counts, SGD's momentum) as <c>optimizer.bin</c>, TorchSharp's format.</summary>
public sealed class OptimizerCheckpointPart(optim.Optimizer optimizer) : ICheckpointPart
{
    /// <inheritdoc/>
    public string Key => "optimizer";

    /// <inheritdoc/>
    public JsonNode? Save(string directory)
    {
        using var stream = File.Create(Path.Combine(directory, "optimizer.bin"));
        using var writer = new BinaryWriter(stream);
        ((OptimizerHelper)optimizer).save_state_dict(writer);
        return null;
    }

    /// <inheritdoc/>
    public void Load(string directory, JsonNode? state)
    {
        var path = Path.Combine(directory, "optimizer.bin");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            ((OptimizerHelper)optimizer).load_state_dict(reader);
        }
        catch (ArgumentException e)
        {
            // Since FreqScope packs parameters into one buffer the optimizer holds one state; older checkpoints hold one per tensor.
            throw new InvalidDataException($"{path} does not fit this run's optimizer ({e.Message}); "
                + "it was probably written by an older FreqScope, whose checkpoints cannot be resumed: run the config again", e);
        }
    }
}
