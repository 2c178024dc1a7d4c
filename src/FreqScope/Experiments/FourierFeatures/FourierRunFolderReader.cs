using System.Numerics;
using FreqScope.Core.Runs;
using FreqScope.Reporting;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// Reads a <c>fourier-features</c> run folder into a <see cref="FourierRunData"/>. config.json, manifest.json,
/// spectra.csv and loss.csv are required; pde.csv, peaks.csv, fit.csv and summary.json are written when the run
/// finishes. Every problem is an <see cref="InvalidDataException"/> naming the file (and for CSV files the line,
/// column and value).
/// </summary>
public static class FourierRunFolderReader
{
    /// <summary>Reads and validates the run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static FourierRunData Read(string runDir)
    {
        var (dir, configText, config, manifest) = RunFiles.Open(runDir, text => ConfigLoader.Parse<FourierExperimentConfig>(text, RunFolder.ConfigFile));
        var spectra = FourierSpectrumRow.Csv.Read(dir);
        var loss = FourierLossRow.Csv.Read(dir);
        var pde = FourierSpectrumRow.PdeCsv.ReadOptional(dir);
        var peaks = FourierPeakRow.Csv.ReadOptional(dir);
        var fit = FourierFitRow.Csv.ReadOptional(dir);
        var summary = RunFiles.OptionalSummary<FourierSummary>(dir);
        if (manifest.Status == RunStatus.Running)
        {
            // A running run's last probe may be partly written: keep whole probes only.
            spectra = LiveRun.WholeProbes(spectra, r => r.Step);
            if (pde is not null) pde = LiveRun.WholeProbes(pde, r => r.Step);
        }

        return new FourierRunData(dir, configText, config, manifest, spectra, loss, pde, peaks, fit, summary);
    }

    /// <summary>Spectrum rows grouped into one array per probe step, each of <paramref name="nodes"/> values.</summary>
    /// <exception cref="InvalidDataException">A step does not have exactly <paramref name="nodes"/> rows.</exception>
    public static IEnumerable<(long Step, Complex[] Spectrum)> GroupSpectra(IReadOnlyList<FourierSpectrumRow> rows, int nodes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count % nodes != 0)
            throw new InvalidDataException($"{rows.Count} spectrum rows are not a whole number of probes of {nodes} frequencies");
        for (int start = 0; start < rows.Count; start += nodes)
        {
            long step = rows[start].Step;
            var spectrum = new Complex[nodes];
            for (int i = 0; i < nodes; i++)
            {
                var r = rows[start + i];
                if (r.Step != step) throw new InvalidDataException($"probe at step {step} has {i} frequencies, expected {nodes}");
                spectrum[i] = new Complex(r.Re, r.Im);
            }

            yield return (step, spectrum);
        }
    }
}
