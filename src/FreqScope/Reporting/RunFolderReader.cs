using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Experiments;
using FreqScope.Theory;

namespace FreqScope.Reporting;

/// <summary>
/// Reads a run folder (see <c>docs/run-folder.md</c>) into a <see cref="RunData"/>. config.json, manifest.json,
/// metrics.csv and spectra.csv are required; outputs.csv and summary.json may be absent (an unfinished run).
/// Every problem is reported as an <see cref="InvalidDataException"/> naming the file, and for CSV files the line,
/// value and column.
/// </summary>
public static class RunFolderReader
{
    private static readonly JsonSerializerOptions SummaryJson = new(RunFolder.Json) { RespectNullableAnnotations = true };

    /// <summary>The header line of metrics.csv.</summary>
    public const string MetricsHeader = "step,train_loss,test_loss";

    /// <summary>The header line of spectra.csv.</summary>
    public const string SpectraHeader = "step,k,frequency,output_abs,target_abs,delta_complex,delta_magnitude";

    /// <summary>The header line of outputs.csv.</summary>
    public const string OutputsHeader = "step,x,target,output";

    /// <summary>Reads and validates every data file of the run folder.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The parsed run.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static RunData Read(string runDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"run folder not found: {dir}");
        }

        string configText = ReadRequired(dir, "config.json");
        (string? name, double? epsilon, string? errorForm) = ParseConfig(configText);
        ManifestView manifest = ParseManifest(ReadRequired(dir, "manifest.json"));
        MetricRow[] metrics = ParseCsv(ReadRequired(dir, "metrics.csv"), "metrics.csv", MetricsHeader, ParseMetric);
        SpectrumRow[] spectra = ParseCsv(ReadRequired(dir, "spectra.csv"), "spectra.csv", SpectraHeader, ParseSpectrum);
        string? outputsText = ReadOptional(dir, "outputs.csv");
        OutputRow[]? outputs = outputsText is null ? null : ParseCsv(outputsText, "outputs.csv", OutputsHeader, ParseOutput);
        string? summaryText = ReadOptional(dir, "summary.json");
        RunSummary? summary = summaryText is null ? null : ParseSummary(summaryText);

        ModelConfig? model = TryParseModel(configText);
        TheorySummary? recomputed = summary is not null && summary.Theory is null && model is not null
            ? OneHiddenLayerTheory.Summarize(model, summary.Peaks)
            : null;
        return new RunData(dir, configText, name, epsilon, errorForm, manifest, metrics, spectra, outputs, summary)
        {
            Model = model,
            Theory = summary?.Theory ?? recomputed,
            TheoryIsRecomputed = summary?.Theory is null && recomputed is not null,
        };
    }

    internal static string ReadRequired(string dir, string file)
    {
        string path = Path.Combine(dir, file);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{file}: missing (required in a run folder: {path})");
        }

        return File.ReadAllText(path);
    }

    internal static string? ReadOptional(string dir, string file)
    {
        string path = Path.Combine(dir, file);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    internal static T[] ParseCsv<T>(string text, string file, string header, Func<string[], string, int, T> parseRow)
    {
        string[] lines = text.Split('\n');
        string first = lines[0].TrimEnd('\r').TrimStart('\uFEFF').Trim();
        if (first != header)
        {
            throw new InvalidDataException($"{file} line 1: expected header \"{header}\", found \"{first}\"");
        }

        string[] columns = header.Split(',');
        List<T> rows = new(lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int lineNumber = i + 1;
            if (line.Length == 0)
            {
                if (lines.Skip(i + 1).Any(l => l.TrimEnd('\r').Length > 0))
                {
                    throw new InvalidDataException($"{file} line {lineNumber}: empty line inside the data");
                }

                break;
            }

            string[] fields = line.Split(',');
            if (fields.Length != columns.Length)
            {
                throw new InvalidDataException(
                    $"{file} line {lineNumber}: expected {columns.Length} fields ({header}), found {fields.Length}: \"{line}\"");
            }

            rows.Add(parseRow(fields, file, lineNumber));
        }

        return [.. rows];
    }

    private static MetricRow ParseMetric(string[] f, string file, int line) => new(
        CsvFormat.ParseInt64(f[0], file, line, "step"),
        CsvFormat.ParseDouble(f[1], file, line, "train_loss"),
        CsvFormat.ParseDouble(f[2], file, line, "test_loss"));

    private static SpectrumRow ParseSpectrum(string[] f, string file, int line)
    {
        long k = CsvFormat.ParseInt64(f[1], file, line, "k");
        if (k < 0 || k > int.MaxValue)
        {
            throw new InvalidDataException($"{file} line {line}: \"{f[1]}\" is not a valid DFT index (column k)");
        }

        return new SpectrumRow(
            CsvFormat.ParseInt64(f[0], file, line, "step"),
            (int)k,
            CsvFormat.ParseDouble(f[2], file, line, "frequency"),
            CsvFormat.ParseDouble(f[3], file, line, "output_abs"),
            CsvFormat.ParseDouble(f[4], file, line, "target_abs"),
            CsvFormat.ParseDouble(f[5], file, line, "delta_complex"),
            CsvFormat.ParseDouble(f[6], file, line, "delta_magnitude"));
    }

    private static OutputRow ParseOutput(string[] f, string file, int line) => new(
        CsvFormat.ParseInt64(f[0], file, line, "step"),
        CsvFormat.ParseDouble(f[1], file, line, "x"),
        CsvFormat.ParseDouble(f[2], file, line, "target"),
        CsvFormat.ParseDouble(f[3], file, line, "output"));

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
    /// Deserialises summary.json into the runner's record <typeparamref name="T"/> with the runner's JSON options
    /// (<see cref="RunFolder.Json"/>), required and non-nullable properties enforced; unknown properties are ignored.
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, a required property is missing or null, or a value has the wrong type.</exception>
    internal static T DeserializeSummary<T>(string text)
        where T : class
    {
        const string file = "summary.json";
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

    private static (string? Name, double? Epsilon, string? ErrorForm) ParseConfig(string text)
    {
        const string file = "config.json";
        using JsonDocument document = ParseJson(text, file);
        JsonElement root = document.RootElement;
        string? name = OptionalString(root, "name", file);
        double? epsilon = null;
        string? errorForm = null;
        if (root.TryGetProperty("probe", out JsonElement probe) && probe.ValueKind == JsonValueKind.Object)
        {
            epsilon = OptionalDouble(probe, "epsilon", file, "probe.");
            errorForm = OptionalString(probe, "errorForm", file, "probe.");
            CheckErrorForm(errorForm, file, "probe.errorForm");
        }

        return (name, epsilon, errorForm);
    }

    private static void CheckErrorForm(string? errorForm, string file, string key)
    {
        if (errorForm is not null and not "complex" and not "magnitude")
        {
            throw new InvalidDataException($"{file}: {key} \"{errorForm}\" is neither \"complex\" nor \"magnitude\"");
        }
    }

    internal static ManifestView ParseManifest(string text)
    {
        const string file = "manifest.json";
        using JsonDocument document = ParseJson(text, file);
        JsonElement root = document.RootElement;
        string status = OptionalString(root, "status", file) ?? throw Missing(file, "status");
        if (status is not ("running" or "interrupted" or "failed" or "finished"))
        {
            throw new InvalidDataException(
                $"{file}: \"status\" is \"{status}\", expected running, interrupted, failed or finished");
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

    private static RunSummary ParseSummary(string text)
    {
        const string file = "summary.json";
        using JsonDocument document = ParseJson(text, file);
        JsonElement root = document.RootElement;
        string errorForm = OptionalString(root, "errorForm", file) ?? throw Missing(file, "errorForm");
        CheckErrorForm(errorForm, file, "errorForm");

        List<PeakSummary> peaks = [];
        JsonElement peaksElement = root.TryGetProperty("peaks", out JsonElement p) && p.ValueKind == JsonValueKind.Array
            ? p
            : throw new InvalidDataException($"{file}: \"peaks\" is missing or not an array");
        int i = 0;
        foreach (JsonElement peak in peaksElement.EnumerateArray())
        {
            string prefix = $"peaks[{i}].";
            if (peak.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{file}: {prefix.TrimEnd('.')} is not an object");
            }

            long index = OptionalInt64(peak, "index", file, prefix) ?? throw Missing(file, prefix + "index");
            if (index < 0 || index > int.MaxValue)
            {
                throw new InvalidDataException($"{file}: {prefix}index {index} is not a valid DFT index");
            }

            peaks.Add(new PeakSummary(
                (int)index,
                OptionalDouble(peak, "frequency", file, prefix) ?? throw Missing(file, prefix + "frequency"),
                OptionalDouble(peak, "targetAbs", file, prefix) ?? throw Missing(file, prefix + "targetAbs"),
                OptionalInt64(peak, "convergedAtStep", file, prefix),
                OptionalInt64(peak, "stableFromStep", file, prefix)));
            i++;
        }

        List<int> order = [];
        if (root.TryGetProperty("convergenceOrder", out JsonElement orderElement) && orderElement.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in orderElement.EnumerateArray())
            {
                order.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int k)
                    ? k
                    : throw new InvalidDataException($"{file}: \"convergenceOrder\" holds {item.GetRawText()}, not a DFT index"));
            }
        }

        return new RunSummary(
            OptionalBool(root, "finished", file) ?? throw Missing(file, "finished"),
            OptionalInt64(root, "stepsCompleted", file) ?? throw Missing(file, "stepsCompleted"),
            OptionalDouble(root, "epsilon", file) ?? throw Missing(file, "epsilon"),
            errorForm,
            peaks,
            order,
            OptionalDouble(root, "spectralBiasIndex", file),
            OptionalDouble(root, "finalTrainLoss", file),
            OptionalDouble(root, "finalTestLoss", file),
            OptionalString(root, "verdict", file) ?? throw Missing(file, "verdict"),
            ParseTheory(root, file),
            OptionalInt32(root, "highFrequencyCutoff", file),
            OptionalDouble(root, "highFrequencyEnergy", file),
            OptionalDouble(root, "targetHighFrequencyEnergy", file));
    }

    private static TheorySummary? ParseTheory(JsonElement root, string file)
    {
        if (!root.TryGetProperty("theory", out JsonElement theory) || theory.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (theory.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file}: \"theory\" is not an object");
        }

        try
        {
            TheorySummary section = theory.Deserialize<TheorySummary>(SummaryJson)
                ?? throw new InvalidDataException($"{file}: \"theory\" is null");
            section.FirstLayerWeights?.ToWeights();
            return section;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"{file}: theory: {e.Message}", e);
        }
    }

    /// <summary>The network of config.json when it is a valid fit1d config, else null (an old or hand-made config).</summary>
    private static ModelConfig? TryParseModel(string configText)
    {
        try
        {
            return ConfigLoader.Parse(configText, "config.json").Model;
        }
        catch (ConfigException)
        {
            return null;
        }
    }

    internal static InvalidDataException Missing(string file, string key) => new($"{file}: \"{key}\" is missing");

    private static bool TryGet(JsonElement obj, string key, out JsonElement value)
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
