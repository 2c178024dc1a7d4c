using System.Text.Json;
using FreqScope.Core.Runs;

namespace FreqScope.Reporting;

/// <summary>
/// Builds the report of any run folder: reads config.json's <c>experiment</c> and hands the folder to the matching
/// report (absent or <c>fit1d</c>: <see cref="FitReport"/>; <c>classify</c>: <see cref="ClassifyReport"/>;
/// <c>poisson</c>: <see cref="PoissonReport"/>; <c>fourier-features</c>: <see cref="FourierReport"/>; <c>ntk</c>: <see cref="NtkReport"/>; <c>parity</c>: <see cref="ParityReport"/>; <c>image-fit</c>: <see cref="ImageFitReport"/>).
/// </summary>
public static class RunReport
{
    /// <summary>The experiment kind of a 1-D fit run, also assumed when config.json names none.</summary>
    public const string Fit1d = "fit1d";

    /// <summary>The experiment kind of an image-classifier run.</summary>
    public const string Classify = "classify";

    /// <summary>The experiment kind of a Poisson-equation run (relaxations, a network and hybrids).</summary>
    public const string Poisson = "poisson";

    /// <summary>The experiment kind of a Fourier-feature network compared with the frequency PDE.</summary>
    public const string FourierFeatures = "fourier-features";

    /// <summary>The experiment kind of a network-vs-linearisation (NTK) run.</summary>
    public const string Ntk = "ntk";

    /// <summary>The experiment kind of the d-bit parity run (train/test accuracy and radial spectra).</summary>
    public const string Parity = "parity";

    /// <summary>The experiment kind of an MLP fitting a 2-D image.</summary>
    public const string ImageFit = "image-fit";

    /// <summary>The experiment kinds that have a report, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Experiments { get; } = [Fit1d, Classify, Poisson, FourierFeatures, Ntk, Parity, ImageFit];

    /// <summary>
    /// Rebuilds <c>plots/</c> and <c>report.html</c> of the run folder with the report its experiment calls for, or
    /// of a sweep folder (one holding sweep.json) with <see cref="SweepReport"/>.
    /// </summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">config.json is missing or malformed, names an unknown experiment, or a data file is bad.</exception>
    public static ReportResult Build(string runDir) => SweepReport.IsSweepFolder(runDir) ? SweepReport.Build(runDir) : ExperimentOf(runDir) switch
    {
        Classify => ClassifyReport.Build(runDir),
        Poisson => PoissonReport.Build(runDir),
        FourierFeatures => FourierReport.Build(runDir),
        Ntk => NtkReport.Build(runDir),
        Parity => ParityReport.Build(runDir),
        ImageFit => ImageFitReport.Build(runDir),
        _ => FitReport.Build(runDir),
    };

    /// <summary>The experiment kind of the run folder: config.json's <c>experiment</c>, or <see cref="Fit1d"/> when absent.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns><see cref="Fit1d"/>, <see cref="Classify"/>, <see cref="Poisson"/> or <see cref="Ntk"/>.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">config.json is missing or malformed, or names an experiment with no report.</exception>
    public static string ExperimentOf(string runDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"run folder not found: {dir}");
        }

        const string file = "config.json";
        using JsonDocument document = RunFolderReader.ParseJson(RunFolderReader.ReadRequired(dir, file), file);
        string experiment = RunFolderReader.OptionalString(document.RootElement, "experiment", file) ?? Fit1d;
        if (!Experiments.Contains(experiment))
        {
            throw new InvalidDataException(
                $"{file}: \"experiment\" is \"{experiment}\"; reports exist for {ListText(Experiments.Select(e => $"\"{e}\"").ToArray())}");
        }

        return experiment;
    }

    private static string ListText(string[] items) =>
        items.Length <= 1 ? string.Concat(items) : string.Join(", ", items[..^1]) + " and " + items[^1];
}
