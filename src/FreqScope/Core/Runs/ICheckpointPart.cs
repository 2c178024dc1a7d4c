using System.Text.Json.Nodes;

namespace FreqScope.Core.Runs;

/// <summary>
/// One piece of a run's resumable state, under <see cref="Key"/> in the checkpoint's state.json (the network's
/// parameters, the optimizer's moments, the batch order, the random generator). It may write files of its own into
/// the checkpoint folder.
/// </summary>
public interface ICheckpointPart
{
    /// <summary>The part's name in state.json's <c>parts</c>.</summary>
    string Key { get; }

    /// <summary>Writes the part's files into <paramref name="directory"/> (the new checkpoint folder) and returns its JSON, or null when it has none.</summary>
    JsonNode? Save(string directory);

    /// <summary>Restores the part from <paramref name="directory"/> and its JSON (null when it saved none).</summary>
    void Load(string directory, JsonNode? state);
}
