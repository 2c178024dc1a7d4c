using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Theory;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// Reads a run folder (see <c>docs/run-folder.md</c>) into a <see cref="FitRunData"/>. config.json, manifest.json,
/// metrics.csv and spectra.csv are required; outputs.csv and summary.json may be absent (an unfinished run).
/// Every problem is reported as an <see cref="InvalidDataException"/> naming the file, and for CSV files the line,
/// value and column.
/// </summary>
public static class FitRunFolderReader
{
    /// <summary>Reads and validates every data file of the run folder.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The parsed run.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static FitRunData Read(string runDir)
    {
        var (dir, configText, (name, epsilon, errorForm), manifest) = RunFiles.Open(runDir, ParseConfig);
        MetricRow[] metrics = MetricRow.Csv.Read(dir);
        SpectrumRow[] spectra = SpectrumRow.Csv.Read(dir);
        OutputRow[]? outputs = OutputRow.Csv.ReadOptional(dir);
        var summary = RunFiles.OptionalSummary(dir, ParseSummary);

        ModelConfig? model = TryParseModel(configText);
        TheorySummary? recomputed = summary is not null && summary.Theory is null && model is not null
            ? FitTheory.Summarize(model, summary.Peaks)
            : null;
        return new FitRunData(dir, configText, name, epsilon, errorForm, manifest, metrics, spectra, outputs, summary)
        {
            Model = model,
            Theory = summary?.Theory ?? recomputed,
            TheoryIsRecomputed = summary?.Theory is null && recomputed is not null,
        };
    }

    private static (string? Name, double? Epsilon, string? ErrorForm) ParseConfig(string text)
    {
        const string file = RunFolder.ConfigFile;
        using JsonDocument document = RunFiles.ParseJson(text, file);
        JsonElement root = document.RootElement;
        string? name = RunFiles.OptionalString(root, "name", file);
        double? epsilon = null;
        string? errorForm = null;
        if (root.TryGetProperty("probe", out JsonElement probe) && probe.ValueKind == JsonValueKind.Object)
        {
            epsilon = RunFiles.OptionalDouble(probe, "epsilon", file, "probe.");
            errorForm = RunFiles.OptionalString(probe, "errorForm", file, "probe.");
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

    private static FitRunSummary ParseSummary(string text)
    {
        const string file = RunFolder.SummaryFile;
        using JsonDocument document = RunFiles.ParseJson(text, file);
        JsonElement root = document.RootElement;
        string errorForm = RunFiles.OptionalString(root, "errorForm", file) ?? throw RunFiles.Missing(file, "errorForm");
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

            long index = RunFiles.OptionalInt64(peak, "index", file, prefix) ?? throw RunFiles.Missing(file, prefix + "index");
            if (index < 0 || index > int.MaxValue)
            {
                throw new InvalidDataException($"{file}: {prefix}index {index} is not a valid DFT index");
            }

            peaks.Add(new PeakSummary(
                (int)index,
                RunFiles.OptionalDouble(peak, "frequency", file, prefix) ?? throw RunFiles.Missing(file, prefix + "frequency"),
                RunFiles.OptionalDouble(peak, "targetAbs", file, prefix) ?? throw RunFiles.Missing(file, prefix + "targetAbs"),
                RunFiles.OptionalInt64(peak, "convergedAtStep", file, prefix),
                RunFiles.OptionalInt64(peak, "stableFromStep", file, prefix)));
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

        return new FitRunSummary(
            RunFiles.OptionalBool(root, "finished", file) ?? throw RunFiles.Missing(file, "finished"),
            RunFiles.OptionalInt64(root, "stepsCompleted", file) ?? throw RunFiles.Missing(file, "stepsCompleted"),
            RunFiles.OptionalDouble(root, "epsilon", file) ?? throw RunFiles.Missing(file, "epsilon"),
            errorForm,
            peaks,
            order,
            RunFiles.OptionalDouble(root, "spectralBiasIndex", file),
            RunFiles.OptionalDouble(root, "finalTrainLoss", file),
            RunFiles.OptionalDouble(root, "finalTestLoss", file),
            RunFiles.OptionalString(root, "verdict", file) ?? throw RunFiles.Missing(file, "verdict"),
            ParseTheory(root, file),
            RunFiles.OptionalInt32(root, "highFrequencyCutoff", file),
            RunFiles.OptionalDouble(root, "highFrequencyEnergy", file),
            RunFiles.OptionalDouble(root, "targetHighFrequencyEnergy", file));
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
            TheorySummary section = theory.Deserialize<TheorySummary>(RunFiles.SummaryJson)
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
            return FitExperiment.Parse(configText, RunFolder.ConfigFile).Model;
        }
        catch (ConfigException)
        {
            return null;
        }
    }
}
