using System.Text.Json;
using System.Text.Json.Nodes;

namespace FreqScope.Core.Config;

/// <summary>Applies <see cref="ConfigOverride"/>s to a config's JSON before it is read, so that every rule and message applies to the result.</summary>
public static class ConfigOverrides
{
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// <paramref name="json"/> with every override applied in order (a later one wins); <paramref name="source"/> names
    /// the document in messages. With no overrides the text is returned as it is.
    /// </summary>
    /// <exception cref="ConfigException">The JSON is malformed or a path crosses a value that is not an object.</exception>
    public static string Apply(string json, string source, IReadOnlyList<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides.Count == 0) return json;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: Comments);
        }
        catch (JsonException)
        {
            using var _ = ConfigNode.Parse(json, source); // throws the reader's message for malformed JSON
            throw;
        }

        if (root is not JsonObject obj) throw new ConfigException(source, "$", "the config is not a JSON object");
        foreach (var o in overrides) Set(obj, o, SourceOf(source, [o]));
        return obj.ToJsonString();
    }

    /// <summary>The source of a config made with overrides, as messages name it: <c>FILE (--set a.b=c, --steps 200)</c>.</summary>
    public static string SourceOf(string source, IReadOnlyList<ConfigOverride> overrides) =>
        overrides.Count == 0 ? source : $"{source} ({string.Join(", ", overrides.Select(o => o.Label).Distinct())})";

    /// <summary>The JSON of an override's value: the text as JSON when it is, else the text as a string.</summary>
    public static JsonNode? ValueOf(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static void Set(JsonObject root, ConfigOverride o, string source)
    {
        var keys = o.Path.Split('.');
        var node = root;
        for (int i = 0; i < keys.Length - 1; i++)
        {
            if (node[keys[i]] is null)
            {
                var created = new JsonObject();
                node[keys[i]] = created;
                node = created;
            }
            else if (node[keys[i]] is JsonObject child)
            {
                node = child;
            }
            else
            {
                throw new ConfigException(source, "$." + string.Join('.', keys[..(i + 1)]), $"is {node[keys[i]]!.ToJsonString()}, not an object, so {o.Path} cannot be set");
            }
        }

        node[keys[^1]] = ValueOf(o.Value);
    }
}
