using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;

namespace FreqScope.Reporting;

/// <summary>
/// What every kind's run-folder reader shares: reading required and optional files, CSV tables with their header
/// checked, JSON documents and summaries, manifest.json, and typed optional JSON values. Every problem is an
/// <see cref="InvalidDataException"/> naming the file (and for CSV files the line, column and value).
/// </summary>
public static class RunFiles
{
    internal static readonly JsonSerializerOptions SummaryJson = new(RunFolder.Json) { RespectNullableAnnotations = true };

    internal static JsonDocument ParseJson(string text, string file)
    {
        try
        {
            JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new InvalidDataException($"{file}: the top level is not a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1;
            throw new InvalidDataException($"{file} line {line}: invalid JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// Opens a run folder for reading: its full path, config.json's text and what <paramref name="parseConfig"/> makes
    /// of it (a <see cref="ConfigException"/> becomes an <see cref="InvalidDataException"/>), and manifest.json.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">config.json or manifest.json is missing or malformed.</exception>
    internal static (string Dir, string ConfigJson, TConfig Config, ManifestView Manifest) Open<TConfig>(string runDir, Func<string, TConfig> parseConfig)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"run folder not found: {dir}");
        string configText = RunFolder.ReadRequired(dir, RunFolder.ConfigFile);
        TConfig config;
        try
        {
            config = parseConfig(configText);
        }
        catch (ConfigException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        return (dir, configText, config, ParseManifest(RunFolder.ReadRequired(dir, RunFolder.ManifestFile)));
    }

    /// <summary>summary.json of <paramref name="dir"/> read by <paramref name="parse"/> (default <see cref="DeserializeSummary{T}"/>), or null while there is none.</summary>
    internal static T? OptionalSummary<T>(string dir, Func<string, T>? parse = null)
        where T : class =>
        RunFolder.ReadOptional(dir, RunFolder.SummaryFile) is { } text ? (parse ?? DeserializeSummary<T>)(text) : null;

    /// <summary>
    /// Deserialises summary.json into the runner's record <typeparamref name="T"/> with the runner's JSON options
    /// (<see cref="RunFolder.Json"/>), required and non-nullable properties enforced; unknown properties are ignored.
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, a required property is missing or null, or a value has the wrong type.</exception>
    internal static T DeserializeSummary<T>(string text)
        where T : class
    {
        const string file = RunFolder.SummaryFile;
        using (ParseJson(text, file))
        {
            // Syntax errors and a non-object top level are reported with the shared wording.
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, SummaryJson)
                ?? throw new InvalidDataException($"{file}: the top level is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }
    }

    /// <summary>Checks that config.json's <c>experiment</c>, when present, is <paramref name="expected"/>.</summary>
    /// <exception cref="InvalidDataException">It names another experiment or is not a string.</exception>
    internal static void CheckExperiment(JsonElement root, string expected, string file)
    {
        string? experiment = OptionalString(root, "experiment", file);
        if (experiment is not null && experiment != expected)
        {
            throw new InvalidDataException($"{file}: \"experiment\" is \"{experiment}\", not \"{expected}\"");
        }
    }

    internal static ManifestView ParseManifest(string text)
    {
        const string file = RunFolder.ManifestFile;
        using JsonDocument document = ParseJson(text, file);
        JsonElement root = document.RootElement;
        string status = OptionalString(root, "status", file) ?? throw Missing(file, "status");
        if (status is not (RunStatus.Running or RunStatus.Interrupted or RunStatus.Failed or RunStatus.Finished or RunStatus.Diverged))
        {
            throw new InvalidDataException(
                $"{file}: \"status\" is \"{status}\", expected running, interrupted, failed, finished or diverged");
        }

        List<long> resumedFrom = [];
        if (root.TryGetProperty("resumedFrom", out JsonElement resumed) && resumed.ValueKind != JsonValueKind.Null)
        {
            if (resumed.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{file}: \"resumedFrom\" is not an array");
            }

            foreach (JsonElement item in resumed.EnumerateArray())
            {
                resumedFrom.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out long step)
                    ? step
                    : throw new InvalidDataException($"{file}: \"resumedFrom\" holds {item.GetRawText()}, not a step"));
            }
        }

        return new ManifestView(
            status,
            OptionalBool(root, "finished", file) ?? status == "finished",
            OptionalInt64(root, "stepsCompleted", file) ?? throw Missing(file, "stepsCompleted"),
            OptionalInt64(root, "stepsPlanned", file) ?? throw Missing(file, "stepsPlanned"),
            OptionalString(root, "freqScopeVersion", file),
            OptionalString(root, "torchSharpVersion", file),
            OptionalString(root, "libtorchVersion", file),
            OptionalString(root, "nativeLoadPath", file),
            OptionalString(root, "device", file),
            OptionalInt64(root, "seed", file),
            OptionalString(root, "startedAt", file),
            OptionalString(root, "endedAt", file),
            OptionalDouble(root, "wallSeconds", file),
            OptionalString(root, "gitCommit", file),
            OptionalBool(root, "smoke", file) ?? false,
            resumedFrom,
            OptionalString(root, "error", file),
            OptionalInt32(root, "epochsCompleted", file),
            OptionalInt32(root, "epochsPlanned", file),
            OptionalString(root, "experiment", file));
    }

    internal static InvalidDataException Missing(string file, string key) => new($"{file}: \"{key}\" is missing");

    internal static bool TryGet(JsonElement obj, string key, out JsonElement value)
        => obj.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;

    internal static string? OptionalString(JsonElement obj, string key, string file, string prefix = "")
    {
        if (!TryGet(obj, key, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidDataException($"{file}: \"{prefix}{key}\" is {value.GetRawText()}, not a string");
    }

    internal static bool? OptionalBool(JsonElement obj, string key, string file)
    {
        if (!TryGet(obj, key, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidDataException($"{file}: \"{key}\" is {value.GetRawText()}, not true or false"),
        };
    }

    internal static long? OptionalInt64(JsonElement obj, string key, string file, string prefix = "")
    {
        if (!TryGet(obj, key, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long result)
            ? result
            : throw new InvalidDataException($"{file}: \"{prefix}{key}\" is {value.GetRawText()}, not an integer");
    }

    internal static int? OptionalInt32(JsonElement obj, string key, string file, string prefix = "")
    {
        if (!TryGet(obj, key, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result)
            ? result
            : throw new InvalidDataException($"{file}: \"{prefix}{key}\" is {value.GetRawText()}, not an integer");
    }

    /// <summary>A JSON number, or a string spelled as in the CSV files (<c>inf</c>, <c>nan</c>, …) since JSON has no infinities.</summary>
    internal static double? OptionalDouble(JsonElement obj, string key, string file, string prefix = "")
    {
        if (!TryGet(obj, key, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                return CsvFormat.ParseDouble(value.GetString() ?? string.Empty, file, 0, prefix + key);
            }
            catch (InvalidDataException)
            {
                // Fall through to the error below, which reads better for JSON.
            }
        }

        throw new InvalidDataException($"{file}: \"{prefix}{key}\" is {value.GetRawText()}, not a number");
    }
}
