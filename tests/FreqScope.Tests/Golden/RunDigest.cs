using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FreqScope.Tests.Golden;

/// <summary>
/// A digest of a run or sweep folder's data: one line per data file (its path relative to the folder and the SHA-256
/// of its normalised text), so that two runs can be compared file by file. Normalised away is only what differs
/// between two runs of the same config and seed by its nature: wall-clock times (manifest times, any JSON key or CSV
/// column naming seconds, times and speed-ups written into a verdict), the git commit, the native loading path, and
/// the absolute folders the run was given (replaced by their role). Plots, report.html, checkpoints and tensorboard/ are
/// left out: reports are rebuilt from the data, checkpoints are an implementation detail that resume tests cover, and
/// the TensorBoard event files carry wall times (TensorBoardTests compares their scalars with the tables).
/// </summary>
internal static partial class RunDigest
{
    private static readonly HashSet<string> DroppedKeys = new(StringComparer.Ordinal)
    {
        "startedAt", "endedAt", "gitCommit", "nativeLoadPath", "bestHybridSpeedup",
    };

    /// <summary>The digest lines of every data file under <paramref name="dir"/>, sorted by path.</summary>
    /// <param name="dir">A run or sweep folder.</param>
    /// <param name="replacements">Absolute paths that appear in the files and the placeholder to write for each.</param>
    public static string Of(string dir, IReadOnlyList<(string Path, string Placeholder)> replacements)
    {
        var sb = new StringBuilder();
        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(IsData)
            .Order(StringComparer.Ordinal);
        foreach (var relative in files)
        {
            var text = File.ReadAllText(Path.Combine(dir, relative));
            foreach (var (path, placeholder) in replacements.OrderByDescending(r => r.Path.Length)) text = text.Replace(path, placeholder, StringComparison.Ordinal);
            var normal = relative.EndsWith(".json", StringComparison.Ordinal) ? NormaliseJson(text)
                : relative.EndsWith(".csv", StringComparison.Ordinal) ? NormaliseCsv(text)
                : text;
            sb.Append(relative).Append(' ').Append(GoldenFile.Sha256(normal)).Append('\n');
        }

        return sb.ToString();
    }

    private static bool IsData(string relative)
    {
        var parts = relative.Split('/');
        if (parts.Any(p => p == "plots" || p == "tensorboard" || p.StartsWith("checkpoint", StringComparison.Ordinal) || p.StartsWith(".ensemble-", StringComparison.Ordinal) || p == "errors"))
            return false;
        var name = parts[^1];
        return name != "report.html" && (name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal));
    }

    /// <summary>The JSON with timing and machine-specific keys removed and timings in strings masked, re-indented.</summary>
    public static string NormaliseJson(string text)
    {
        var node = JsonNode.Parse(text);
        Clean(node);
        return node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
    }

    private static void Clean(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (DroppedKeys.Contains(key) || key.Contains("econds", StringComparison.Ordinal)) o.Remove(key);
                    else if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String) o[key] = MaskTimes(v.GetValue<string>());
                    else Clean(o[key]);
                }

                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String) a[i] = MaskTimes(v.GetValue<string>());
                    else Clean(a[i]);
                }

                break;
        }
    }

    /// <summary>Masks "1.23 s" and "0.11×" in a sentence (wall times and speed-ups).</summary>
    public static string MaskTimes(string text) => SpeedupRegex().Replace(SecondsRegex().Replace(text, "# s"), "#×");

    /// <summary>The CSV with the values of every column whose header names seconds masked.</summary>
    public static string NormaliseCsv(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length == 0) return text;
        var header = lines[0].Split(',');
        var masked = Enumerable.Range(0, header.Length).Where(i => header[i].Contains("econds", StringComparison.OrdinalIgnoreCase)).ToHashSet();
        if (masked.Count == 0) return text;
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Length == 0) continue;
            var cells = lines[l].Split(',');
            foreach (var i in masked)
                if (i < cells.Length) cells[i] = "#";
            lines[l] = string.Join(',', cells);
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"\d+(\.\d+)? s\b")]
    private static partial Regex SecondsRegex();

    [GeneratedRegex(@"\d+(\.\d+)?×")]
    private static partial Regex SpeedupRegex();
}
