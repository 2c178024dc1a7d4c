using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;

namespace FreqScope.Sweeps;

/// <summary>
/// A parameter sweep: an experiment config of any kind with one extra top-level key <c>sweep</c>
/// (<c>{"mode": "grid" | "zip", "values": {"dotted.path": [v1, v2, …], …}}</c>), expanded at the JSON level into
/// members (remove <c>sweep</c>, set each path, creating missing objects, name the member <c>NAME-000</c>, …) that
/// are each validated with <see cref="ConfigLoader.ParseAny"/> before anything runs. Pure: no torch.
/// </summary>
public sealed partial class SweepSpec
{
    /// <summary>The top-level key that makes a config a sweep.</summary>
    public const string Key = "sweep";

    /// <summary>The most members a sweep may have.</summary>
    public const int MaxMembers = 1000;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private SweepSpec(string source, string name, string experiment, string mode, IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepMember> members, string sourceJson)
    {
        Source = source;
        Name = name;
        Experiment = experiment;
        Mode = mode;
        Axes = axes;
        Members = members;
        SourceJson = sourceJson;
    }

    /// <summary>Where the sweep came from (a file path or a caller's name), as in error messages.</summary>
    public string Source { get; }

    /// <summary>The sweep's name: the config's <c>name</c>, or its experiment kind when it has none.</summary>
    public string Name { get; }

    /// <summary>The experiment kind of every member.</summary>
    public string Experiment { get; }

    /// <summary><see cref="SweepModes.Grid"/> or <see cref="SweepModes.Zip"/>.</summary>
    public string Mode { get; }

    /// <summary>The swept keys in the order the file lists them.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>The members in order.</summary>
    public IReadOnlyList<SweepMember> Members { get; }

    /// <summary>The sweep file as compact JSON (comments removed), <c>sweep</c> key included.</summary>
    public string SourceJson { get; }

    /// <summary>True when <paramref name="json"/> is a JSON object with a top-level <c>sweep</c> key (false for anything unreadable).</summary>
    public static bool IsSweep(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(Key, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>True when the file at <paramref name="path"/> exists and is a sweep (see <see cref="IsSweep"/>).</summary>
    public static bool IsSweepFile(string path) => File.Exists(path) && IsSweep(ConfigNode.ReadFile(path));

    /// <summary>Reads, expands and validates the sweep file at <paramref name="path"/> (the path is the messages' source).</summary>
    /// <exception cref="ConfigException">The file is unreadable, the sweep is malformed, or a member's config is invalid.</exception>
    public static SweepSpec LoadFile(string path) => LoadFile(path, []);

    /// <summary>
    /// Reads, expands and validates the sweep file at <paramref name="path"/> with <paramref name="overrides"/>
    /// (<c>--set a.b=c</c>) applied to its JSON first; messages name the source as <c>FILE (--set a.b=c)</c>.
    /// </summary>
    /// <exception cref="ConfigException">The file is missing or unreadable, or the sweep is invalid.</exception>
    public static SweepSpec LoadFile(string path, IReadOnlyList<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ConfigOverrides.Apply(ConfigNode.ReadFile(path), path, overrides), ConfigOverrides.SourceOf(path, overrides));
    }

    /// <summary>Parses, expands and validates a sweep; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="ConfigException">
    /// The JSON is malformed, it has no <c>sweep</c> key, the sweep is malformed (the message names
    /// <c>$.sweep…</c> and what was expected), or a member's config is invalid (the message names the member, its
    /// assignment and the loader's error).
    /// </exception>
    public static SweepSpec Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new ConfigException(source, "$", "expected an object");
        }
        catch (JsonException e)
        {
            throw new ConfigException(source, "$", "invalid JSON: " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(source, "$", "invalid JSON: " + e.Message, e);
        }

        // The schema reference is for editors of the file; a sweep folder's copy of the config does not keep it.
        root.Remove("$schema");
        if (root[Key] is not JsonObject sweep)
        {
            throw root.ContainsKey(Key)
                ? new ConfigException(source, "$.sweep", $"{Describe(root[Key])} is not allowed; expected an object {{\"mode\": \"grid\" or \"zip\", \"values\": {{\"dotted.path\": [value, …]}}}}")
                : new ConfigException(source, "$", "this config has no \"sweep\" key; run it with freqscope run");
        }

        foreach (var (key, _) in sweep)
        {
            if (key is not ("mode" or "values"))
                throw new ConfigException(source, ChildPath("$.sweep", key), "unknown key; expected \"mode\" or \"values\"");
        }

        var mode = SweepModes.Grid;
        if (sweep.ContainsKey("mode"))
        {
            var modeNode = sweep["mode"];
            mode = modeNode is JsonValue v && v.TryGetValue<string>(out var text) && SweepModes.All.Contains(text)
                ? text
                : throw new ConfigException(source, "$.sweep.mode", $"{Describe(modeNode)} is not a sweep mode; expected \"grid\" or \"zip\"");
        }

        if (sweep["values"] is not JsonObject values || values.Count == 0)
        {
            throw new ConfigException(source, "$.sweep.values", sweep.ContainsKey("values")
                ? $"{Describe(sweep["values"])} is not allowed; expected an object of at least one \"dotted.path\": [value, …]"
                : "missing; expected an object of at least one \"dotted.path\": [value, …]");
        }

        var axes = ReadAxes(source, values, root);
        var count = CountMembers(source, mode, axes);
        var template = (JsonObject)root.DeepClone();
        template.Remove(Key);
        if (template.ContainsKey("name") && !(template["name"] is JsonValue named && named.GetValueKind() == JsonValueKind.String))
            throw new ConfigException(source, "$.name", $"{Describe(template["name"])} is not allowed; expected a string (the members are named NAME-000, NAME-001, …)");
        var name = template["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n
            : template["experiment"] is JsonValue ev && ev.TryGetValue<string>(out var kind) ? kind
            : ExperimentKinds.Registry.Default.Name;

        var members = new List<SweepMember>(count);
        for (var i = 0; i < count; i++)
        {
            var choice = Choice(mode, axes, i);
            var assignment = axes.Select((a, k) => new KeyValuePair<string, string>(a.Path, a.Values[choice[k]])).ToList();
            var memberName = MemberName(name, i);
            var label = Label(assignment);
            var memberJson = (JsonObject)template.DeepClone();
            foreach (var (path, value) in assignment) SetPath(memberJson, path, JsonNode.Parse(value));
            memberJson["name"] = memberName;
            IExperimentConfig config;
            try
            {
                config = ConfigLoader.ParseAny(memberJson.ToJsonString(), $"{source} (sweep member {memberName}: {label})");
            }
            catch (ConfigException e) when (e.JsonPath == "$.name")
            {
                // The member names come from the config's name: report the name itself, not the generated one.
                throw new ConfigException(source, "$.name", $"the sweep names its members {memberName}, … after it: {e.Problem}", e);
            }

            members.Add(new SweepMember(i, memberName, label, assignment, config));
        }

        return new SweepSpec(source, name, members[0].Config.Experiment, mode, axes, members, root.ToJsonString());
    }

    /// <summary>The run-folder name of member <paramref name="index"/> of the sweep <paramref name="name"/>: <c>NAME-000</c>.</summary>
    public static string MemberName(string name, int index) => $"{name}-{index.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>The short label of an assignment: <c>path=value</c> joined by commas, strings without quotes.</summary>
    public static string Label(IEnumerable<KeyValuePair<string, string>> assignment) =>
        string.Join(",", assignment.Select(a => a.Key + "=" + ValueLabel(a.Value)));

    /// <summary>A value's JSON text for labels: a string without its quotes, anything else as is.</summary>
    public static string ValueLabel(string json)
    {
        var node = JsonNode.Parse(json);
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : json;
    }

    private static List<SweepAxis> ReadAxes(string source, JsonObject values, JsonObject root)
    {
        var axes = new List<SweepAxis>();
        foreach (var (path, node) in values)
        {
            var at = ChildPath("$.sweep.values", path);
            var segments = path.Split('.');
            if (segments.Any(s => s.Length == 0))
                throw new ConfigException(source, at, "is not a dotted path; expected keys joined by '.', e.g. \"model.hidden\" or \"training.weightDecay\"");
            if (segments[0] is "experiment" or "name")
                throw new ConfigException(source, at, $"\"{segments[0]}\" cannot be swept: every member has the config's experiment kind, and member names are generated (NAME-000, NAME-001, …)");
            if (segments[0] == Key)
                throw new ConfigException(source, at, "\"sweep\" cannot be swept");
            foreach (var other in axes)
            {
                if ((path + ".").StartsWith(other.Path + ".", StringComparison.Ordinal) || (other.Path + ".").StartsWith(path + ".", StringComparison.Ordinal))
                    throw new ConfigException(source, at, $"overlaps the swept path \"{other.Path}\"; a value may be swept once");
            }

            JsonNode? cursor = root;
            for (var k = 0; k < segments.Length - 1; k++)
            {
                cursor = cursor is JsonObject o ? o[segments[k]] : null;
                if (cursor is not null and not JsonObject)
                {
                    throw new ConfigException(source, at,
                        $"cannot set \"{path}\": $.{string.Join('.', segments[..(k + 1)])} is {Describe(cursor)}, not an object");
                }
            }

            if (node is not JsonArray array)
                throw new ConfigException(source, at, $"{Describe(node)} is not allowed; expected a non-empty array of values, e.g. [0, 1, 2]");
            if (array.Count == 0)
                throw new ConfigException(source, at, "is an empty list; expected at least one value");
            axes.Add(new SweepAxis(path, [.. array.Select(item => item?.ToJsonString() ?? "null")]));
        }

        return axes;
    }

    private static int CountMembers(string source, string mode, List<SweepAxis> axes)
    {
        if (mode == SweepModes.Zip)
        {
            var first = axes[0];
            foreach (var axis in axes.Skip(1))
            {
                if (axis.Values.Count != first.Values.Count)
                {
                    throw new ConfigException(source, ChildPath("$.sweep.values", axis.Path),
                        $"has {axis.Values.Count} values but \"{first.Path}\" has {first.Values.Count}; mode \"zip\" needs lists of the same length (or use mode \"grid\")");
                }
            }

            if (first.Values.Count > MaxMembers)
                throw new ConfigException(source, ChildPath("$.sweep.values", first.Path), $"has {first.Values.Count} values; expected at most {MaxMembers} members");
            return first.Values.Count;
        }

        long count = 1;
        foreach (var axis in axes)
        {
            count *= axis.Values.Count;
            if (count > MaxMembers)
            {
                var product = string.Join(" × ", axes.Select(a => a.Values.Count.ToString(CultureInfo.InvariantCulture)));
                throw new ConfigException(source, "$.sweep.values", $"the grid {product} has more than {MaxMembers} members; expected at most {MaxMembers}");
            }
        }

        return (int)count;
    }

    /// <summary>The value index of each axis for member <paramref name="index"/> (row-major for a grid).</summary>
    private static int[] Choice(string mode, List<SweepAxis> axes, int index)
    {
        var choice = new int[axes.Count];
        if (mode == SweepModes.Zip)
        {
            Array.Fill(choice, index);
            return choice;
        }

        for (var k = axes.Count - 1; k >= 0; k--)
        {
            choice[k] = index % axes[k].Values.Count;
            index /= axes[k].Values.Count;
        }

        return choice;
    }

    private static void SetPath(JsonObject root, string path, JsonNode? value)
    {
        var segments = path.Split('.');
        var node = root;
        foreach (var key in segments[..^1])
        {
            if (node[key] is not JsonObject child)
            {
                child = new JsonObject();
                node[key] = child;
            }

            node = child;
        }

        node[segments[^1]] = value;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "the string " + v.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => "the number " + v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>JSONPath of <paramref name="key"/> under <paramref name="parent"/>: <c>.key</c>, or <c>['odd.key']</c>.</summary>
    internal static string ChildPath(string parent, string key) =>
        IdentifierRegex().IsMatch(key)
            ? parent + "." + key
            : parent + "['" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierRegex();
}
