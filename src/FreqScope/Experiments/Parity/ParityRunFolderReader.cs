using FreqScope.Core.Runs;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// Reads a <c>parity</c> run folder into a <see cref="ParityRunData"/>. config.json, manifest.json, metrics.csv,
/// spectra.csv and target-spectrum.csv are required; bands.csv and summary.json are written when the run finishes.
/// Every problem is an <see cref="InvalidDataException"/> naming the file (and for CSV files the line, column and value).
/// </summary>
public static class ParityRunFolderReader
{
    /// <summary>Reads and validates the run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static ParityRunData Read(string runDir)
    {
        var (dir, configText, config, manifest) = RunFiles.Open(runDir, text => ConfigLoader.Parse<ParityExperimentConfig>(text, RunFolder.ConfigFile));
        var metrics = ParityMetricRow.Csv.Read(dir);
        var spectra = ParitySpectrumRow.Csv.Read(dir);
        var target = ParityTargetRow.Csv.Read(dir);
        bool running = manifest.Status == RunStatus.Running;
        if (running && target.Length > 0)
        {
            // A running run's tables end where its last probe got to: keep the probes both tables hold whole.
            int probes = Math.Min(metrics.Length, spectra.Length / target.Length);
            metrics = metrics[..probes];
            spectra = spectra[..(probes * target.Length)];
        }

        if (spectra.Length != metrics.Length * target.Length)
            throw new InvalidDataException($"{ParityExperiment.SpectraFile}: {spectra.Length} rows; expected {target.Length} shells × {metrics.Length} probes of {ParityExperiment.MetricsFile}");
        var bands = ParityBandRow.Csv.ReadOptional(dir);
        if (bands is not null && running) bands = LiveRun.WholeProbes(bands, r => r.Step);
        var summary = RunFiles.OptionalSummary<ParitySummary>(dir);
        return new ParityRunData(dir, configText, config, manifest, metrics, spectra, target, bands, summary);
    }
}
