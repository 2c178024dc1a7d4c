using System.Globalization;
using System.Text;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.ImageFit;

/// <summary>
/// Rebuilds an <c>image-fit</c> run folder's <c>plots/</c> and self-contained <c>report.html</c> from its data
/// files. An unfinished run (no summary.json) gets the figures of what has been recorded, under a banner.
/// </summary>
public static class ImageFitReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the run, (re)writes every figure into <c>RUN_DIR/plots/</c>, then writes <c>report.html</c> atomically.</summary>
    /// <exception cref="InvalidDataException">A data file is missing or malformed.</exception>
    public static ReportResult Build(string runDir)
    {
        ImageFitRunData run = ImageFitRunData.Read(runDir);
        return ReportHtml.Write(run, run.RunDirectory, run.IsFinished, ImageFitPlots.WriteAll, RenderHtml);
    }

    /// <summary>The whole HTML document.</summary>
    public static string RenderHtml(ImageFitRunData run, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        var m = run.Manifest;
        var c = run.Config;
        var s = run.Summary;
        string? banner = run.IsFinished ? null : ReportHtml.UnfinishedBanner(m.Status, string.Create(Invariant, $"step {m.StepsCompleted} of {m.StepsPlanned}"));
        string verdict = s?.Verdict ?? (run.IsFinished ? ReportHtml.MissingSummaryVerdict : "No verdict: the run has not finished; the figures show the probes recorded so far.");
        StringBuilder html = ReportHtml.Open(ReportHtml.Title(c.Name, run.IsFinished, m.Status), banner, verdict, m, run.RunDirectory);
        string encoding = c.Model.Encoding.Kind switch
        {
            InputEncodingKind.Gaussian => string.Create(Invariant, $"Gaussian Fourier features, m = {c.Model.Encoding.Features}, σ = {c.Model.Encoding.Scale}"),
            InputEncodingKind.Positional => string.Create(Invariant, $"positional, L = {c.Model.Encoding.Levels}, σ = {c.Model.Encoding.Scale}"),
            InputEncodingKind.Basic => "basic",
            _ => "none (the MLP reads (x, y))",
        };
        ReportHtml.AppendFacts(html,
        [
            ("name", c.Name),
            ("experiment", ImageFitExperimentConfig.ImageFit),
            ("status", m.Status),
            ("steps", string.Create(Invariant, $"{m.StepsCompleted} of {m.StepsPlanned}")),
            ("image", c.Image.Source == ImageSourceConfig.Generated ? string.Create(Invariant, $"generated, {c.Image.Size} × {c.Image.Size}") : $"PGM {c.Image.Path}"),
            ("network", string.Create(Invariant, $"MLP 2 → {string.Join(" → ", c.Model.Hidden)} → 1, {JsonNames.Of(c.Model.Activation)}")),
            ("encoding", encoding),
            ("training", string.Create(Invariant, $"{JsonNames.Of(c.Training.Optimizer)}, learning rate {ReportHtml.Number(c.Training.LearningRate)}, full batch on the pixels with i and j even")),
            ("final train PSNR", s is null ? "n/a" : ReportHtml.Number(s.FinalTrainPsnr) + " dB"),
            ("final test PSNR (held-out pixels)", s is null ? "n/a" : ReportHtml.Number(s.FinalTestPsnr) + " dB"),
            ("spectral-bias index", s?.SpectralBiasIndex is double i ? i.ToString("+0.00;−0.00;0.00", Invariant) : "n/a"),
            .. ReportHtml.RunFacts(m),
        ]);
        if (s is { Bands.Count: > 0 })
        {
            ReportHtml.AppendTable(html, "bands-table", ["|k| band (cycles per image)", "final relative error", "converged at step"], s.Bands.Select(band => new[]
            {
                $"[{ReportHtml.Number(band.Low)}, {ReportHtml.Number(band.High)})", ReportHtml.Number(band.FinalRelativeError),
                band.ConvergedAtStep is long v ? v.ToString(Invariant) : "never",
            }));
        }

        ReportHtml.AppendFigures(html, plots, "No figures: metrics.csv has no rows yet.");
        ReportHtml.AppendConfigAndEnd(html, run.ConfigJson, run.RunDirectory);
        return html.ToString();
    }
}
