using System.Globalization;
using System.Text;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;
using FreqScope.Reporting;
using FreqScope.Spectral;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// Rebuilds a <c>classify</c> run folder's <c>plots/</c> and its self-contained <c>report.html</c> (figures embedded
/// as PNG data URIs) from the data files alone.
/// </summary>
public static class ClassifyReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the run, (re)writes every figure into <c>RUN_DIR/plots/</c>, then writes <c>report.html</c> atomically.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="InvalidDataException">A data file is missing or malformed (see <see cref="ClassifyRunFolderReader.Read"/>).</exception>
    public static ReportResult Build(string runDir)
    {
        ClassifyRunData run = ClassifyRunFolderReader.Read(runDir);
        return ReportHtml.Write(run, run.RunDirectory, run.IsFinished, ClassifyPlots.WriteAll, RenderHtml);
    }

    /// <summary>
    /// The report's HTML. The body opens with the verdict (finished run) or, for an unfinished run, with the banner
    /// "UNFINISHED RUN (status: S, N of M epochs)" followed by a line saying there is no verdict; then the facts, the
    /// filtering and projection sections (each only when its method ran), the figures and config.json.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plots">The figures to embed (their PNG files are read and base64-encoded).</param>
    /// <returns>A complete HTML document.</returns>
    public static string RenderHtml(ClassifyRunData run, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        string name = run.Name ?? Path.GetFileName(run.RunDirectory);
        string title = ReportHtml.Title(name, run.IsFinished, run.Manifest.Status);

        StringBuilder html = ReportHtml.Open(title, run.IsFinished ? null : UnfinishedBannerText(run.Manifest), VerdictText(run), run.Manifest, run.RunDirectory);
        ReportHtml.AppendFacts(html, Facts(run, name));
        AppendFiltering(html, run);
        AppendProjection(html, run);
        ReportHtml.AppendFigures(html, plots, "No figures: the run has no probe data yet.");
        ReportHtml.AppendConfigAndEnd(html, run.ConfigJson, run.RunDirectory);
        return html.ToString();
    }

    /// <summary>
    /// The banner text of an unfinished run, e.g. <c>UNFINISHED RUN (status: interrupted, 3 of 20 epochs)</c>; in
    /// steps (as <see cref="FitReport.UnfinishedBannerText"/>) when the manifest has no epoch counts.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The text.</returns>
    public static string UnfinishedBannerText(ManifestView manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.EpochsCompleted is int done && manifest.EpochsPlanned is int planned
            ? ReportHtml.UnfinishedBanner(manifest.Status, string.Create(Invariant, $"{done} of {planned} epochs"))
            : FitReport.UnfinishedBannerText(manifest);
    }

    /// <summary>
    /// The report's first sentence: summary.json's verdict for a finished run; for an unfinished run a provisional
    /// count of what has fallen below its threshold so far (never an ordering claim); a note when summary.json is missing.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The sentence.</returns>
    public static string VerdictText(ClassifyRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ClassifySummary? summary = run.Summary;
        if (summary is null)
        {
            return run.IsFinished
                ? ReportHtml.MissingSummaryVerdict
                : "No verdict: summary.json is missing (the run has not finished); the figures show the data up to the last probe.";
        }

        if (run.IsFinished)
        {
            return summary.Verdict;
        }

        List<string> sofar = [];
        if (summary.Filtering is { } filtering)
        {
            int n = filtering.Deltas.Count;
            sofar.Add(string.Create(Invariant,
                $"e_low has fallen below the threshold for {filtering.Deltas.Count(d => d.LowBelowAtEpoch is not null)} of {n} δ and e_high for {filtering.Deltas.Count(d => d.HighBelowAtEpoch is not null)} of {n}"));
        }

        if (summary.Projection is { } projection)
        {
            sofar.Add(string.Create(Invariant,
                $"{projection.Peaks.Count(p => p.ConvergedAtEpoch is not null)} of {projection.Peaks.Count} projection peaks have reached Δ_F < ε"));
        }

        string detail = sofar.Count == 0 ? string.Empty : "; so far " + string.Join(", and ", sofar);
        return string.Create(Invariant,
            $"No verdict: the run is unfinished{detail} (provisional, up to epoch {summary.EpochsCompleted}).");
    }

    private static List<(string Key, string Value)> Facts(ClassifyRunData run, string name)
    {
        ManifestView m = run.Manifest;
        ClassifySummary? s = run.Summary;
        ClassifyMetricRow? last = run.Metrics.Count > 0 ? run.Metrics.MaxBy(r => r.Epoch) : null;
        string source = s is not null ? string.Empty : " (last probe)";
        int? epochsDone = m.EpochsCompleted ?? s?.EpochsCompleted;

        List<(string Key, string Value)> facts =
        [
            ("name", name),
            ("experiment", m.Experiment ?? ClassifyExperimentConfig.Classify),
            ("status", m.Status),
            ("epochs", $"{epochsDone?.ToString(Invariant) ?? "n/a"} of {m.EpochsPlanned?.ToString(Invariant) ?? "n/a"}"),
            ("steps", string.Create(Invariant, $"{m.StepsCompleted} of {m.StepsPlanned}")),
            ("final train accuracy" + source, Number(s?.FinalTrainAccuracy ?? last?.TrainAccuracy)),
            ("final test accuracy" + source, Number(s?.FinalTestAccuracy ?? last?.TestAccuracy)),
            ("final train loss" + source, Number(s?.FinalTrainLoss ?? last?.TrainLoss)),
            ("final test loss" + source, Number(s?.FinalTestLoss ?? last?.TestLoss)),
            .. ReportHtml.RunFacts(m),
        ];

        return facts;
    }

    private static void AppendFiltering(StringBuilder html, ClassifyRunData run)
    {
        FilteringSummary? summary = run.Summary?.Filtering;
        if (run.Filtering is null && summary is null)
        {
            return;
        }

        html.Append("<h2 id=\"filtering\">Filtering method</h2>\n");
        if (summary is null)
        {
            html.Append("<p class=\"note\">summary.json is missing or has no filtering results: no per-δ table; the figures show filtering.csv up to the last probe.</p>\n");
            return;
        }

        if (run.IsFinished)
        {
            html.Append("<p>").Append(Encode(summary.Verdict)).Append("</p>\n");
        }
        else
        {
            html.Append("<p class=\"note\">The run is unfinished: the epochs below are provisional.</p>\n");
        }

        html.Append("<p>Threshold ").Append(Encode(Number(summary.Threshold)))
            .Append(" on e_low and e_high; the filter ran over ").Append(summary.Samples.ToString(Invariant))
            .Append(" training samples.</p>\n");
        string[] headers = ["δ", "low-frequency ratio", "first epoch e_low &lt; threshold", "first epoch e_high &lt; threshold", "low before high", "final e_low", "final e_high"];
        ReportHtml.AppendTable(html, "filtering-table", headers, summary.Deltas.Select(d => new[]
        {
            Number(d.Delta), Number(d.LowFrequencyRatio), d.LowBelowAtEpoch?.ToString(Invariant) ?? "never", d.HighBelowAtEpoch?.ToString(Invariant) ?? "never",
            d.LowBeforeHigh switch { true => "yes", false => "no", null => "n/a" }, Number(d.FinalLowError), Number(d.FinalHighError),
        }));
    }

    private static void AppendProjection(StringBuilder html, ClassifyRunData run)
    {
        ProjectionSummary? summary = run.Summary?.Projection;
        if (run.Projection is null && summary is null)
        {
            return;
        }

        html.Append("<h2 id=\"projection\">Projection method</h2>\n");
        if (summary is null)
        {
            html.Append("<p class=\"note\">summary.json is missing or has no projection results: no peaks table; the figures show projection.csv up to the last probe.</p>\n");
            return;
        }

        if (run.IsFinished)
        {
            html.Append("<p>").Append(Encode(summary.Verdict)).Append("</p>\n");
        }
        else
        {
            html.Append("<p class=\"note\">The run is unfinished: the epochs below are provisional.</p>\n");
        }

        string component = summary.Component is int c ? "output component " + c.ToString(Invariant) : "all (norm over the output components)";
        string errorForm = summary.ErrorForm + (summary.ErrorForm == "magnitude" ? " (||ĥ(k)| − |ŷ(k)|| / |ŷ(k)|)" : " (|ĥ(k) − ŷ(k)| / |ŷ(k)|)");
        string sbi = summary.SpectralBiasIndex is double v ? v.ToString("+0.00;-0.00;0.00", Invariant) : "undefined";
        Dictionary<int, ProjectionPeakSummary> peakOf = summary.Peaks.GroupBy(p => p.Index).ToDictionary(g => g.Key, g => g.First());
        string Label(int i) => peakOf.TryGetValue(i, out ProjectionPeakSummary? p)
            ? string.Create(Invariant, $"{Number(p.Frequency)} (index {i})")
            : string.Create(Invariant, $"index {i}");

        // Only peaks that converged are placed in the order (ties named); the others are listed apart.
        var convergedInOrder = summary.ConvergenceOrder.Where(i => peakOf.TryGetValue(i, out ProjectionPeakSummary? p) && p.ConvergedAtEpoch is not null).ToList();
        var notConverged = summary.ConvergenceOrder.Except(convergedInOrder).ToList();
        string order = convergedInOrder.Count == 0
            ? "none converged"
            : ConvergenceOrderText.Sequence([.. convergedInOrder.Select(Label)], [.. convergedInOrder.Select(i => (long?)peakOf[i].ConvergedAtEpoch)], "epoch", " → ");
        string never = notConverged.Count == 0 ? "none" : string.Join(", ", notConverged.Select(Label));

        ReportHtml.AppendKeyValues(html, "projection-facts",
        [
            ("direction", summary.Direction),
            ("output components", component),
            ("ε (convergence threshold)", Number(summary.Epsilon)),
            ("error form", errorForm),
            ("convergence order (frequency)", order),
            ("not converged", never),
            ("spectral-bias index", sbi),
        ]);
        if (summary.Peaks.Count == 0)
        {
            html.Append("<p>No peaks.</p>\n");
            return;
        }

        ReportHtml.AppendTable(html, "projection-peaks", ["grid index", "frequency (cycles per unit)", "|ŷ(k)|", "converged at epoch", "stable from epoch"], summary.Peaks.Select(p => new[]
        {
            p.Index.ToString(Invariant), Number(p.Frequency), Number(p.TargetAbs), p.ConvergedAtEpoch?.ToString(Invariant) ?? "never",
            p.StableFromEpoch?.ToString(Invariant) ?? "not stable",
        }));
    }

    private static string Number(double? value) => ReportHtml.Number(value);

    private static string Encode(string text) => ReportHtml.Encode(text);
}
