using System.Globalization;
using System.Text;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// Rebuilds a <c>fourier-features</c> run folder's <c>plots/</c> and self-contained <c>report.html</c> from its data
/// files. An unfinished run (no summary.json) gets the figures of what spectra.csv and loss.csv hold, under a banner.
/// </summary>
public static class FourierReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the run, (re)writes every figure into <c>RUN_DIR/plots/</c>, then writes <c>report.html</c> atomically.</summary>
    /// <exception cref="InvalidDataException">A data file is missing or malformed.</exception>
    public static ReportResult Build(string runDir)
    {
        FourierRunData run = FourierRunFolderReader.Read(runDir);
        return ReportHtml.Write(run, run.RunDirectory, run.IsFinished, FourierPlots.WriteAll, RenderHtml);
    }

    /// <summary>The report's first sentence: the verdict and, with a PDE, the discrepancy; or why there is none.</summary>
    public static string VerdictText(FourierRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Summary is not { } s)
            return run.IsFinished
                ? ReportHtml.MissingSummaryVerdict
                : "No verdict: the run has not finished; the figures show the error spectra recorded so far.";
        return s.Pde is { } pde ? $"{s.Verdict} {DiscrepancyText(pde)}" : s.Verdict;
    }

    /// <summary>The sentence on the PDE, e.g. "PDE vs network: relative L2 discrepancy 0.80 % over training; 4.7 % at the last step alone."</summary>
    public static string DiscrepancyText(FourierPdeSummary pde)
    {
        ArgumentNullException.ThrowIfNull(pde);
        string text = $"PDE vs network: relative L2 discrepancy {Percent(pde.Discrepancy)} over training";
        if (pde.DiscrepancyWithoutDiffusion is double plain) text += $" ({Percent(plain)} for the PDE without its diffusion term)";
        return text + $"; {Percent(pde.FinalDiscrepancy)} at the last step alone.";
    }

    /// <summary>A fraction as a percentage with two significant digits, e.g. 0.0123 → "1.2 %".</summary>
    public static string Percent(double fraction) =>
        (100 * fraction).ToString(fraction >= 0.1 ? "0" : fraction >= 0.01 ? "0.0" : "0.00", Invariant) + " %";

    /// <summary>The whole HTML document.</summary>
    public static string RenderHtml(FourierRunData run, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        string name = run.Config.Name;
        var m = run.Manifest;
        string? banner = run.IsFinished ? null : ReportHtml.UnfinishedBanner(m.Status, string.Create(Invariant, $"step {m.StepsCompleted} of {m.StepsPlanned}"));
        StringBuilder html = ReportHtml.Open(ReportHtml.Title(name, run.IsFinished, m.Status), banner, VerdictText(run), m, run.RunDirectory);
        var c = run.Config;
        var s = run.Summary;
        ReportHtml.AppendFacts(html,
        [
            ("name", name),
            ("experiment", FourierExperimentConfig.FourierFeatures),
            ("status", m.Status),
            ("steps", string.Create(Invariant, $"{m.StepsCompleted} of {m.StepsPlanned}")),
            ("target", c.Target.Kind.ToString()),
            ("window", $"[{ReportHtml.Number(c.Data.Min)}, {ReportHtml.Number(c.Data.Max)}], {c.Data.Points} points"),
            ("network", $"width {c.Network.Width}, σ_a = {ReportHtml.Number(c.Network.SigmaA)}, frequencies {(c.Network.TrainFrequencies ? "trained" : "fixed")}, {(c.Network.Stratified ? "quantiles of ρ" : "random draws from ρ")}"),
            ("density of w (rad per unit of x)", c.Network.Density.ToDensity().ToString()),
            ("learning rate η", ReportHtml.Number(c.Training.LearningRate)),
            ("PDE constants", $"C = η/L = {ReportHtml.Number(FourierAnalysis.RateConstant(c))} per step, D = {ReportHtml.Number(FourierAnalysis.Diffusion(c))}"),
            ("spectral-bias index (network)", s?.SpectralBiasIndex is double i ? i.ToString("+0.00;−0.00;0.00", Invariant) : "n/a"),
            ("spectral-bias index (PDE)", s?.PdeSpectralBiasIndex is double j ? j.ToString("+0.00;−0.00;0.00", Invariant) : "n/a"),
            ("PDE discrepancy (over training)", s?.Pde is { } pde ? Percent(pde.Discrepancy) : "n/a"),
            ("PDE discrepancy (last step)", s?.Pde is { } last ? Percent(last.FinalDiscrepancy) : "n/a"),
            ("loss", s is null ? "n/a" : $"{ReportHtml.Number(s.InitialLoss)} → {ReportHtml.Number(s.FinalLoss)}"),
            .. ReportHtml.RunFacts(m),
        ]);
        if (s is { Peaks.Count: > 0 })
        {
            ReportHtml.AppendTable(html, "peaks-table", ["ξ (cycles)", "|ŷ(ξ)|", "rate C·ρ(ξ) per step", "network converged at step", "PDE converged at step"], s.Peaks.Select(p => new[]
            {
                ReportHtml.Number(p.Xi), ReportHtml.Number(p.TargetAbs), ReportHtml.Number(p.TheoryRate), Step(p.NetworkConvergedAtStep), Step(p.PdeConvergedAtStep),
            }));
        }

        ReportHtml.AppendFigures(html, plots, "No figures: spectra.csv has no rows yet.");
        ReportHtml.AppendConfigAndEnd(html, run.ConfigJson, run.RunDirectory);
        return html.ToString();
    }

    private static string Step(long? step) => step is long v ? v.ToString(Invariant) : "never";
}
