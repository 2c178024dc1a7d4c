using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Tests.Support;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Golden;

/// <summary>
/// Golden configs: every shipped experiment file read and written back (<c>Golden/configs/NAME.json</c>, byte for
/// byte; a sweep file as each member's written config in turn), and a corpus of bad configs made by editing shipped
/// files one value at a time, with the exact message each gets (<c>Golden/config-errors/NAME.txt</c>). They lock the
/// config formats and every error message while the readers and writers are rewritten.
/// </summary>
public sealed class ConfigGoldenTests
{
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Experiments, "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryExperimentFileIsWrittenBackAsRecorded(string file)
    {
        var path = Path.Combine(RepoPaths.Experiments, file);
        string written;
        if (SweepSpec.IsSweepFile(path))
        {
            var spec = SweepSpec.LoadFile(path);
            written = string.Concat(spec.Members.Select(m => $"// {m.Name} {m.Label}\n" + ConfigLoader.ToJsonAny(m.Config)));
        }
        else
        {
            var config = ConfigLoader.LoadAnyFile(path);
            written = ConfigLoader.ToJsonAny(config);
            // Reading what was written and writing it again gives the same bytes.
            Assert.Equal(written, ConfigLoader.ToJsonAny(ConfigLoader.ParseAny(written, "written")));
        }

        GoldenFile.Check($"configs/{Path.GetFileNameWithoutExtension(file)}.json", written);
    }

    /// <summary>The files the error corpus edits: at least one of every kind, and those with the most optional parts.</summary>
    public static TheoryData<string> CorpusFiles() =>
    [
        "fprinciple-1d.json",
        "fprinciple-1d-gaussian-encoding.json",
        "rahaman-spectral-dynamics.json",
        "fashion-mnist-mlp-filtering.json",
        "fashion-mnist-cnn-projection.json",
        "fashion-mnist-mlp-paths.json",
        "cifar10-vgg16-filtering.json",
        "poisson-1d-hybrid.json",
        "poisson-2d-hybrid.json",
        "ff-increasing.json",
        "pde-vs-network.json",
        "ntk-linearised-vs-training.json",
        "parity-10.json",
        "image-fit-gaussian-encoding.json",
    ];

    /// <summary>The values every leaf is set to in turn (raw JSON), besides removing it.</summary>
    private static readonly string[] Edits = ["\"x\"", "null", "true", "-1", "0", "1", "0.5", "2.0", "2.5", "1e12", "[]", "{}", "[1, 2]"];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void EditedConfigsGetTheRecordedMessages(string file)
    {
        // The corpus was recorded before the files named their schema; the "$schema" line (which the reader
        // ignores) is left out so that the truncations cut the same text.
        var source = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(RepoPaths.Experiments, file)), "^  \"\\$schema\": \"[^\"]*\",\n", "", System.Text.RegularExpressions.RegexOptions.Multiline);
        var written = JsonNode.Parse(ConfigLoader.ToJsonAny(ConfigLoader.ParseAny(source, file)))!;
        var paths = new List<string>();
        Leaves(written, "", paths);
        var sb = new StringBuilder();
        foreach (var path in paths)
        {
            sb.Append(path).Append(" removed: ").Append(Outcome(Edit(source, path, null))).Append('\n');
            foreach (var value in Edits) sb.Append(path).Append(" = ").Append(value).Append(": ").Append(Outcome(Edit(source, path, value))).Append('\n');
        }

        foreach (var obj in Objects(written, ""))
            sb.Append(obj.Length == 0 ? "$" : obj).Append(" + zzz: ").Append(Outcome(Edit(source, (obj.Length == 0 ? "" : obj + ".") + "zzz", "1"))).Append('\n');
        sb.Append("$ = [] : ").Append(Outcome("[]")).Append('\n');
        sb.Append("$ truncated: ").Append(Outcome(source[..(source.Length / 2)])).Append('\n');
        GoldenFile.Check($"config-errors/{Path.GetFileNameWithoutExtension(file)}.txt", sb.ToString());
    }

    /// <summary>The dotted paths of every value that is not an object (array items by index, objects inside arrays by their keys).</summary>
    private static void Leaves(JsonNode? node, string path, List<string> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o) Leaves(child, path.Length == 0 ? key : path + "." + key, into);
                break;
            case JsonArray a:
                into.Add(path);
                if (a.Count > 0 && a[0] is JsonObject or JsonValue) Leaves(a[0], path + "[0]", into);
                break;
            default:
                into.Add(path);
                break;
        }
    }

    /// <summary>The dotted paths of every object (the root is "").</summary>
    private static IEnumerable<string> Objects(JsonNode? node, string path)
    {
        if (node is not JsonObject o) yield break;
        yield return path;
        foreach (var (key, child) in o)
            foreach (var inner in Objects(child, path.Length == 0 ? key : path + "." + key))
                yield return inner;
    }

    /// <summary><paramref name="json"/> with the value at <paramref name="path"/> (dots, and [i] for array items) set to raw JSON, or removed when null.</summary>
    private static string Edit(string json, string path, string? raw)
    {
        var root = JsonNode.Parse(json, documentOptions: Comments)!;
        var segments = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = root;
        for (int i = 0; i < segments.Length - 1; i++)
        {
            var s = segments[i];
            JsonNode? next = s.StartsWith('[')
                ? (parent is JsonArray arr && arr.Count > Index(s) ? arr[Index(s)] : null)
                : (parent is JsonObject o ? o[s] : null);
            if (next is null)
            {
                if (s.StartsWith('[') || parent is not JsonObject po || po.ContainsKey(s)) return json; // nothing there to edit
                next = new JsonObject();
                po[s] = next;
            }

            parent = next;
        }

        var last = segments[^1];
        if (last.StartsWith('['))
        {
            if (parent is not JsonArray array || array.Count <= Index(last)) return json;
            if (raw is null) array.RemoveAt(Index(last));
            else array[Index(last)] = JsonNode.Parse(raw);
        }
        else if (parent is JsonObject obj)
        {
            if (raw is null) obj.Remove(last);
            else obj[last] = JsonNode.Parse(raw);
        }

        return root.ToJsonString();
    }

    private static int Index(string segment) => int.Parse(segment[1..^1], CultureInfo.InvariantCulture);

    /// <summary>"error: MESSAGE", "ok: HASH" (of the written config), or "exception: TYPE: MESSAGE" for anything else.</summary>
    private static string Outcome(string json)
    {
        try
        {
            var config = ConfigLoader.ParseAny(json, "edited.json");
            return "ok: " + GoldenFile.Sha256(ConfigLoader.ToJsonAny(config))[..16];
        }
        catch (ConfigException e)
        {
            return "error: " + e.Message.ReplaceLineEndings(" ");
        }
        catch (Exception e)
        {
            return $"exception: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
        }
    }
}
