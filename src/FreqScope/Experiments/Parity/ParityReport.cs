using System.Globalization;
using System.Text;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// Rebuilds a <c>parity</c> run folder's <c>plots/</c> and self-contained <c>report.html</c> from its data files. An
/// unfinished run (no summary.json) gets the figures of what metrics.csv and spectra.csv hold, under a banner.
/// </summary>
public static class ParityReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the run, (re)writes every figure into <c>RUN_DIR/plots/</c>, then writes <c>report.html</c> atomically.</summary>
    /// <exception cref="InvalidDataException">A data file is missing or malformed.</exception>
    public static ReportResult Build(string runDir)
    {
        ParityRunData run = ParityRunFolderReader.Read(runDir);
        return ReportHtml.Write(run, run.RunDirectory, run.IsFinished, ParityPlots.WriteAll, RenderHtml);
    }

    /// <summary>The report's first sentence: the verdict, or why there is none.</summary>
    public static string VerdictText(ParityRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Summary is { } s) return s.Verdict;
        return run.IsFinished
            ? ReportHtml.MissingSummaryVerdict
            : "No verdict: the run has not finished; the figures show the probes recorded so far.";
    }

    /// <summary>The whole HTML document.</summary>
    public static string RenderHtml(ParityRunData run, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        var m = run.Manifest;
        var c = run.Config;
        var s = run.Summary;
        string? banner = run.IsFinished ? null : ReportHtml.UnfinishedBanner(m.Status, string.Create(Invariant, $"step {m.StepsCompleted} of {m.StepsPlanned}"));
        StringBuilder html = ReportHtml.Open(ReportHtml.Title(c.Name, run.IsFinished, m.Status), banner, VerdictText(run), m, run.RunDirectory);
        static string P(double? v) => v is double x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
        ReportHtml.AppendFacts(html,
        [
            ("name", c.Name),
            ("experiment", ParityExperimentConfig.Parity),
            ("status", m.Status),
            ("steps", string.Create(Invariant, $"{m.StepsCompleted} of {m.StepsPlanned}")),
            ("dimension d", c.Data.Dimension.ToString(Invariant)),
            ("points", string.Create(Invariant, $"{c.Data.Count} ({c.Data.TrainCount} train, {c.Data.TestCount} test)")),
            ("network", string.Create(Invariant, $"MLP {c.Data.Dimension} → {string.Join(" → ", c.Model.Hidden)} → 1, {JsonNames.Of(c.Model.Activation)}")),
            ("training", string.Create(Invariant, $"{JsonNames.Of(c.Training.Optimizer)}, learning rate {ReportHtml.Number(c.Training.LearningRate)}, {(c.Training.BatchSize is int b ? $"batch {b}" : "full batch")}, MSE on ±1 labels")),
            ("train accuracy", P(s?.TrainAccuracy)),
            ("test accuracy", P(s?.TestAccuracy)),
            ("chance level (test majority class)", P(s?.ChanceLevel)),
            ("target's spectral peak |k|", s is null ? "n/a" : $"{ReportHtml.Number(s.TargetPeakRadius)} (theory √d·π/2 = {ReportHtml.Number(s.TheoryPeakRadius)})"),
            ("spectral-bias index", s?.SpectralBiasIndex is double i ? i.ToString("+0.00;−0.00;0.00", Invariant) : "n/a"),
            .. ReportHtml.RunFacts(m),
        ]);
        if (s is { Bands.Count: > 0 })
        {
            ReportHtml.AppendTable(html, "bands-table", ["|k| band", "target power", "final relative error", "converged at step"], s.Bands.Select(band => new[]
            {
                $"[{ReportHtml.Number(band.RadiusMin)}, {ReportHtml.Number(band.RadiusMax)}]", ReportHtml.Number(band.TargetPower),
                ReportHtml.Number(band.FinalError), band.ConvergedAtStep is long v ? v.ToString(Invariant) : "never",
            }));
        }

        ReportHtml.AppendFigures(html, plots, "No figures: metrics.csv has no rows yet.");
        ReportHtml.AppendConfigAndEnd(html, run.ConfigJson, run.RunDirectory);
        return html.ToString();
    }
}
