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

    /// <summary>
    /// summary.json as the <see cref="FitSummary"/> the run wrote (<see cref="RunFiles.DeserializeSummary{T}"/>), with
    /// its error form, peak indices and first-layer weights checked.
    /// </summary>
    private static FitSummary ParseSummary(string text)
    {
        const string file = RunFolder.SummaryFile;
        FitSummary summary = RunFiles.DeserializeSummary<FitSummary>(text);
        CheckErrorForm(summary.ErrorForm, file, "errorForm");
        for (int i = 0; i < summary.Peaks.Count; i++)
        {
            PeakSummary? peak = summary.Peaks[i];
            if (peak is null) throw new InvalidDataException($"{file}: peaks[{i}] is not an object");
            if (peak.Index < 0) throw new InvalidDataException($"{file}: peaks[{i}].index {peak.Index} is not a valid DFT index");
        }

        try
        {
            summary.Theory?.FirstLayerWeights?.ToWeights();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{file}: theory: {e.Message}", e);
        }

        return summary;
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
