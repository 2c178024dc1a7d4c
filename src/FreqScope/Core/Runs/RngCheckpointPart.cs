using System.Text.Json.Nodes;

namespace FreqScope.Core.Runs;

/// <summary>The default CPU generator's state (dropout, mixup and augmentation draws), as base64 text.</summary>
public sealed class RngCheckpointPart : ICheckpointPart
{
    /// <inheritdoc/>
    public string Key => "rng";

    /// <inheritdoc/>
    public JsonNode? Save(string directory) => Checkpoint.CaptureRng();

    /// <inheritdoc/>
    public void Load(string directory, JsonNode? state) =>
        Checkpoint.RestoreRng(state?.GetValue<string>() ?? throw new InvalidDataException($"{directory}: the checkpoint's generator state is missing"));
}
