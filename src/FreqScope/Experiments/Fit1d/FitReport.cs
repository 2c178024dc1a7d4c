using System.Globalization;
using System.Text;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Spectral;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// Rebuilds a run folder's <c>plots/</c> and its self-contained <c>report.html</c> (figures embedded as PNG data
/// URIs) from the data files alone.
/// </summary>
public static class FitReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the run, (re)writes every figure into <c>RUN_DIR/plots/</c>, then writes <c>report.html</c> atomically.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="InvalidDataException">A data file is missing or malformed (see <see cref="FitRunFolderReader.Read"/>).</exception>
    public static ReportResult Build(string runDir)
    {
        FitRunData run = FitRunFolderReader.Read(runDir);
        return ReportHtml.Write(run, run.RunDirectory, run.IsFinished, FitPlots.WriteAll, RenderHtml);
    }

    /// <summary>
    /// The report's HTML. The body opens with the verdict (finished run) or, for an unfinished run, with the banner
    /// "UNFINISHED RUN (status: S, N of M steps)" followed by a line saying there is no verdict.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plots">The figures to embed (their PNG files are read and base64-encoded).</param>
    /// <returns>A complete HTML document.</returns>
    public static string RenderHtml(FitRunData run, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        ManifestView m = run.Manifest;
        string name = run.Name ?? Path.GetFileName(run.RunDirectory);
        string title = ReportHtml.Title(name, run.IsFinished, m.Status);

        StringBuilder html = ReportHtml.Open(title, run.IsFinished ? null : UnfinishedBannerText(m), VerdictText(run), m, run.RunDirectory);

        AppendFacts(html, run);
        AppendPeaks(html, run);
        AppendTheory(html, run);
        ReportHtml.AppendFigures(html, plots, "No figures: the run has no probe data yet.");

        ReportHtml.AppendConfigAndEnd(html, run.ConfigJson, run.RunDirectory);
        return html.ToString();
    }

    /// <summary>The banner text of an unfinished run, e.g. <c>UNFINISHED RUN (status: interrupted, 500 of 12000 steps)</c>.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The text.</returns>
    public static string UnfinishedBannerText(ManifestView manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ReportHtml.UnfinishedBanner(manifest.Status, string.Create(Invariant, $"{manifest.StepsCompleted} of {manifest.StepsPlanned} steps"));
    }

    /// <summary>
    /// The report's first sentence: summary.json's verdict for a finished run; for an unfinished run a provisional
    /// count of converged peaks (never an ordering claim); a note when summary.json is missing.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The sentence.</returns>
    public static string VerdictText(FitRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Summary is null)
        {
            return run.IsFinished
                ? ReportHtml.MissingSummaryVerdict
                : "No verdict: summary.json is missing (the run has not finished); the figures show the data up to the last probe.";
        }

        if (run.IsFinished)
        {
            return run.Summary.Verdict;
        }

        IReadOnlyList<PeakSummary> peaks = run.Summary.Peaks;
        int converged = peaks.Count(p => p.ConvergedAtStep is not null);
        return string.Create(Invariant,
            $"No verdict: the run is unfinished; so far {converged} of {peaks.Count} peaks have reached Δ_F < ε (provisional, up to step {run.Summary.StepsCompleted}).");
    }

    private static void AppendFacts(StringBuilder html, FitRunData run)
    {
        ManifestView m = run.Manifest;
        MetricRow? last = run.Metrics.Count > 0 ? run.Metrics.MaxBy(r => r.Step) : null;
        double? trainLoss = run.Summary?.FinalTrainLoss ?? last?.TrainLoss;
        double? testLoss = run.Summary?.FinalTestLoss ?? last?.TestLoss;
        string lossSource = run.Summary is not null ? string.Empty : " (last probe)";
        string sbi = run.Summary is null
            ? "n/a (summary.json missing)"
            : run.Summary.SpectralBiasIndex is double s ? s.ToString("+0.00;-0.00;0.00", Invariant) : "undefined";

        List<(string Key, string Value)> facts =
        [
            ("status", m.Status),
            ("steps", string.Create(Invariant, $"{m.StepsCompleted} of {m.StepsPlanned}")),
            ("final train loss" + lossSource, Number(trainLoss)),
            ("final test loss" + lossSource, Number(testLoss)),
            ("ε (convergence threshold)", Number(run.Epsilon)),
            ("error form", run.ErrorForm + (run.ErrorForm == "magnitude" ? " (||ĥ_k| − |ŷ_k|| / |ŷ_k|)" : " (|ĥ_k − ŷ_k| / |ŷ_k|)")),
            ("spectral-bias index", sbi),
            ("high-frequency energy, output / target", run.Summary?.HighFrequencyEnergy is double he
                ? string.Create(Invariant, $"{Number(he)} / {Number(run.Summary.TargetHighFrequencyEnergy)} (share of the non-constant energy above DFT index {run.Summary.HighFrequencyCutoff})")
                : "n/a"),
            .. ReportHtml.RunFacts(m),
        ];

        ReportHtml.AppendFacts(html, facts);
    }

    private static void AppendPeaks(StringBuilder html, FitRunData run)
    {
        IReadOnlyList<PeakSummary> peaks = run.Summary?.Peaks ?? ProvisionalPeaks(run);
        html.Append("<h2>Peaks of the target spectrum</h2>\n");
        if (run.Summary is null)
        {
            html.Append("<p class=\"note\">summary.json is missing: peaks and convergence steps below are computed from spectra.csv and are provisional.</p>\n");
        }
        else if (!run.IsFinished)
        {
            html.Append("<p class=\"note\">The run is unfinished: convergence steps below are provisional.</p>\n");
        }

        if (peaks.Count == 0)
        {
            html.Append("<p>No peaks.</p>\n");
            return;
        }

        ReportHtml.AppendTable(html, null, ["k", "frequency (cycles per unit x)", "|ŷ_k|", "convergedAtStep", "stableFromStep"], peaks.Select(p => new[]
        {
            p.Index.ToString(Invariant), Number(p.Frequency), Number(p.TargetAbs),
            p.ConvergedAtStep?.ToString(Invariant) ?? "never", p.StableFromStep?.ToString(Invariant) ?? "not stable",
        }));
    }

    /// <summary>
    /// The sentence introducing the one-hidden-layer prediction, or saying why there is none (no summary.json, an old
    /// config, sin activation, …).
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The sentence.</returns>
    public static string TheoryText(FitRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        TheorySummary? theory = run.Theory;
        if (theory is null)
        {
            return run.Summary is null
                ? "No one-hidden-layer prediction: summary.json is missing."
                : "No one-hidden-layer prediction: summary.json has no theory section and config.json is not a valid fit1d config to compute it from.";
        }

        if (theory.Skipped is not null)
        {
            return "No one-hidden-layer prediction: " + theory.Skipped + ".";
        }

        string deep = theory.HiddenLayers > 1
            ? string.Create(Invariant, $" This network has {theory.HiddenLayers} hidden layers; only its first layer's weights enter, so this is still the one-hidden-layer prediction.")
            : string.Empty;
        string source = run.TheoryIsRecomputed ? " (computed by the report from config.json: this summary.json predates the theory section)" : string.Empty;
        string rho = theory.Spearman is double r ? r.ToString("+0.00;-0.00;0.00", Invariant) : "undefined";
        return string.Create(Invariant,
            $"One-hidden-layer theory{source}: the error at angular frequency k decays under gradient flow at a rate ∝ P(k) = E_w[|σ̂(k/2πw)|²/w²] over the first-layer weights w ~ {theory.FirstLayerWeights?.ToWeights()}, so the predicted convergence step of peak k is the lowest peak's measured step × P(k_lowest)/P(k) (wide network, output-layer part of the NTK, same initial relative error). Spearman correlation of predicted and measured steps: {rho}.{deep}");
    }

    private static void AppendTheory(StringBuilder html, FitRunData run)
    {
        html.Append("<h2>One-hidden-layer theory</h2>\n<p>").Append(Encode(TheoryText(run))).Append("</p>\n");
        TheorySummary? theory = run.Theory;
        if (theory is null || theory.Skipped is not null || theory.Peaks.Count == 0)
        {
            return;
        }

        ReportHtml.AppendTable(html, null, ["k (DFT index)", "angular frequency", "P(k)/P(k_lowest)", "predicted step", "measured step"], theory.Peaks.Select(p => new[]
        {
            p.Index.ToString(Invariant), Number(p.AngularFrequency),
            p.RelativePriority > 0 ? Number(p.RelativePriority) : string.Create(Invariant, $"10^{p.Log10RelativePriority:0.#}"),
            p.PredictedStep is double s ? Number(s) : "n/a", p.MeasuredStep?.ToString(Invariant) ?? "never",
        }));
    }

    private static PeakSummary[] ProvisionalPeaks(FitRunData run)
    {
        int[] ks = HeatmapMatrix.PeakIndices(run);
        long[] steps = run.ProbeSteps;
        PeakSummary[] peaks = new PeakSummary[ks.Length];
        for (int r = 0; r < ks.Length; r++)
        {
            var rows = run.Spectra.Where(s => s.K == ks[r]).ToDictionary(s => s.Step);
            SpectrumRow? row = rows.Values.FirstOrDefault();
            PeakConvergence c = run.Epsilon is double eps
                ? Convergence.Analyze(steps, [.. steps.Select(st => rows.TryGetValue(st, out var x) ? run.Delta(x) : double.NaN)], eps)
                : default;
            peaks[r] = new PeakSummary(ks[r], row?.Frequency ?? double.NaN, row?.TargetAbs ?? double.NaN, c.ConvergedAtStep, c.StableFromStep);
        }

        return peaks;
    }

    private static string Number(double? value) => ReportHtml.Number(value);

    private static string Encode(string text) => ReportHtml.Encode(text);
}
