using System.Numerics;
using FreqScope.Core.Config;
using FreqScope.Core.Tables;
using FreqScope.Experiments;
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
    /// <summary>Header of spectra.csv.</summary>
    public const string SpectraHeader = "step,xi,network_re,network_im";

    /// <summary>Header of pde.csv.</summary>
    public const string PdeHeader = "step,xi,pde_re,pde_im";

    /// <summary>Header of loss.csv.</summary>
    public const string LossHeader = "step,loss";

    /// <summary>Header of peaks.csv.</summary>
    public const string PeaksHeader = "step,xi,network_error,pde_error";

    /// <summary>Header of fit.csv.</summary>
    public const string FitHeader = "x,target,initial,final";

    /// <summary>Reads and validates the run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A required file is missing or a file is malformed.</exception>
    public static FourierRunData Read(string runDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"run folder not found: {dir}");
        string configText = RunFiles.ReadRequired(dir, "config.json");
        FourierExperimentConfig config;
        try
        {
            config = ConfigLoader.Parse<FourierExperimentConfig>(configText, "config.json");
        }
        catch (ConfigException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        var manifest = RunFiles.ParseManifest(RunFiles.ReadRequired(dir, "manifest.json"));
        var spectra = ReadSpectra(dir);
        var loss = ReadLoss(dir);
        var pdeText = RunFiles.ReadOptional(dir, FourierExperiment.PdeFile);
        var pde = pdeText is null ? null : RunFiles.ParseCsv(pdeText, FourierExperiment.PdeFile, PdeHeader, ParseSpectrum);
        var peaksText = RunFiles.ReadOptional(dir, FourierExperiment.PeaksFile);
        var peaks = peaksText is null ? null : RunFiles.ParseCsv(peaksText, FourierExperiment.PeaksFile, PeaksHeader, ParsePeak);
        var fitText = RunFiles.ReadOptional(dir, FourierExperiment.FitFile);
        var fit = fitText is null ? null : RunFiles.ParseCsv(fitText, FourierExperiment.FitFile, FitHeader, ParseFit);
        var summaryText = RunFiles.ReadOptional(dir, "summary.json");
        var summary = summaryText is null ? null : RunFiles.DeserializeSummary<FourierSummary>(summaryText);
        return new FourierRunData(dir, configText, config, manifest, spectra, loss, pde, peaks, fit, summary);
    }

    /// <summary>The rows of spectra.csv.</summary>
    public static FourierSpectrumRow[] ReadSpectra(string runDir) =>
        RunFiles.ParseCsv(RunFiles.ReadRequired(runDir, FourierExperiment.SpectraFile), FourierExperiment.SpectraFile, SpectraHeader, ParseSpectrum);

    /// <summary>The rows of loss.csv.</summary>
    public static FourierLossRow[] ReadLoss(string runDir) =>
        RunFiles.ParseCsv(RunFiles.ReadRequired(runDir, FourierExperiment.LossFile), FourierExperiment.LossFile, LossHeader,
            (f, file, line) => new FourierLossRow(CsvFormat.ParseInt64(f[0], file, line, "step"), CsvFormat.ParseDouble(f[1], file, line, "loss")));

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

    private static FourierSpectrumRow ParseSpectrum(string[] f, string file, int line) => new(
        CsvFormat.ParseInt64(f[0], file, line, "step"),
        CsvFormat.ParseDouble(f[1], file, line, "xi"),
        CsvFormat.ParseDouble(f[2], file, line, "re"),
        CsvFormat.ParseDouble(f[3], file, line, "im"));

    private static FourierPeakRow ParsePeak(string[] f, string file, int line) => new(
        CsvFormat.ParseInt64(f[0], file, line, "step"),
        CsvFormat.ParseDouble(f[1], file, line, "xi"),
        CsvFormat.ParseDouble(f[2], file, line, "network_error"),
        CsvFormat.ParseDouble(f[3], file, line, "pde_error"));

    private static FourierFitRow ParseFit(string[] f, string file, int line) => new(
        CsvFormat.ParseDouble(f[0], file, line, "x"),
        CsvFormat.ParseDouble(f[1], file, line, "target"),
        CsvFormat.ParseDouble(f[2], file, line, "initial"),
        CsvFormat.ParseDouble(f[3], file, line, "final"));
}
