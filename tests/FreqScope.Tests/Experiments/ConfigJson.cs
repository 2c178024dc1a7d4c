using System.Text.Json.Nodes;

namespace FreqScope.Tests.Experiments;

/// <summary>A minimal valid config and edits of it, for validation tests.</summary>
internal static class ConfigJson
{
    public const string Minimal = """
        {
          "target": { "kind": "sinusoids", "terms": [ { "frequency": 1 } ] },
          "data": { "domain": [0, 1], "train": { "count": 101 } },
          "model": { "hidden": [8] }
        }
        """;

    /// <summary>The minimal config with the value at dotted <paramref name="path"/> set to <paramref name="rawValue"/> (raw JSON), or removed when null.</summary>
    public static string With(string path, string? rawValue) => Set(Minimal, path, rawValue);

    /// <summary><paramref name="json"/> with the value at dotted <paramref name="path"/> (a leading <c>$.</c> is ignored) set to <paramref name="rawValue"/>, or removed when null.</summary>
    public static string Set(string json, string path, string? rawValue)
    {
        var root = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        var keys = (path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path).Split('.');
        var node = root;
        foreach (var key in keys[..^1])
        {
            if (node[key] is not JsonObject child)
            {
                child = new JsonObject();
                node[key] = child;
            }

            node = child;
        }

        if (rawValue is null) node.Remove(keys[^1]);
        else node[keys[^1]] = JsonNode.Parse(rawValue);
        return root.ToJsonString();
    }
}
