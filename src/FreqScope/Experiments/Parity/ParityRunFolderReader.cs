using FreqScope.Core.Config;
using FreqScope.Core.Tables;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// Reads a <c>parity</c> run folder into a <see cref="ParityRunData"/>. config.json, manifest.json, metrics.csv,
/// spectra.csv and target-spectrum.csv are required; bands.csv and summary.json are written when the run finishes.
/// Every problem is an <see cref="InvalidDataException"/> naming the file (and for CSV files the line, column and value).
/// </summary>
public static class ParityRunFolderReader
{
    /// <summary>Header of metrics.csv.</summary>
    public const string MetricsHeader = "step,train_loss,test_loss,train_accuracy,test_accuracy";

    /// <summary>Header of spectra.csv.</summary>
    public const string SpectraHeader = "step,radius,output_power,residual_power";

    /// <summary>Header of target-spectrum.csv.</summary>
    public const string TargetHeader = "radius,train_power,all_power";

    /// <summary>Header of bands.csv.</summary>
    public const string BandsHeader = "step,band,radius_min,radius_max,relative_error";

    /// <summary>Reads and validates the run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static ParityRunData Read(string runDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"run folder not found: {dir}");
        string configText = RunFiles.ReadRequired(dir, "config.json");
        ParityExperimentConfig config;
        try
        {
            config = ConfigLoader.Parse<ParityExperimentConfig>(configText, "config.json");
        }
        catch (ConfigException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        var manifest = RunFiles.ParseManifest(RunFiles.ReadRequired(dir, "manifest.json"));
        var metrics = ReadMetrics(dir);
        var spectra = ReadSpectra(dir);
        var target = ReadTarget(dir);
        if (spectra.Length != metrics.Length * target.Length)
            throw new InvalidDataException($"{ParityExperiment.SpectraFile}: {spectra.Length} rows; expected {target.Length} shells × {metrics.Length} probes of {ParityExperiment.MetricsFile}");
        var bandsText = RunFiles.ReadOptional(dir, ParityExperiment.BandsFile);
        var bands = bandsText is null ? null : RunFiles.ParseCsv(bandsText, ParityExperiment.BandsFile, BandsHeader, (f, file, line) => new ParityBandRow(
            CsvFormat.ParseInt64(f[0], file, line, "step"),
            (int)CsvFormat.ParseInt64(f[1], file, line, "band"),
            CsvFormat.ParseDouble(f[2], file, line, "radius_min"),
            CsvFormat.ParseDouble(f[3], file, line, "radius_max"),
            CsvFormat.ParseDouble(f[4], file, line, "relative_error")));
        var summaryText = RunFiles.ReadOptional(dir, "summary.json");
        var summary = summaryText is null ? null : RunFiles.DeserializeSummary<ParitySummary>(summaryText);
        return new ParityRunData(dir, configText, config, manifest, metrics, spectra, target, bands, summary);
    }

    /// <summary>The rows of metrics.csv.</summary>
    public static ParityMetricRow[] ReadMetrics(string runDir) =>
        RunFiles.ParseCsv(RunFiles.ReadRequired(runDir, ParityExperiment.MetricsFile), ParityExperiment.MetricsFile, MetricsHeader, (f, file, line) => new ParityMetricRow(
            CsvFormat.ParseInt64(f[0], file, line, "step"),
            CsvFormat.ParseDouble(f[1], file, line, "train_loss"),
            CsvFormat.ParseDouble(f[2], file, line, "test_loss"),
            CsvFormat.ParseDouble(f[3], file, line, "train_accuracy"),
            CsvFormat.ParseDouble(f[4], file, line, "test_accuracy")));

    /// <summary>The rows of spectra.csv.</summary>
    public static ParitySpectrumRow[] ReadSpectra(string runDir) =>
        RunFiles.ParseCsv(RunFiles.ReadRequired(runDir, ParityExperiment.SpectraFile), ParityExperiment.SpectraFile, SpectraHeader, (f, file, line) => new ParitySpectrumRow(
            CsvFormat.ParseInt64(f[0], file, line, "step"),
            CsvFormat.ParseDouble(f[1], file, line, "radius"),
            CsvFormat.ParseDouble(f[2], file, line, "output_power"),
            CsvFormat.ParseDouble(f[3], file, line, "residual_power")));

    /// <summary>The rows of target-spectrum.csv.</summary>
    public static ParityTargetRow[] ReadTarget(string runDir) =>
        RunFiles.ParseCsv(RunFiles.ReadRequired(runDir, ParityExperiment.TargetFile), ParityExperiment.TargetFile, TargetHeader, (f, file, line) => new ParityTargetRow(
            CsvFormat.ParseDouble(f[0], file, line, "radius"),
            CsvFormat.ParseDouble(f[1], file, line, "train_power"),
            CsvFormat.ParseDouble(f[2], file, line, "all_power")));
}
