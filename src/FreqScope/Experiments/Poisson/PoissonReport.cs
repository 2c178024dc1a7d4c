using System.Globalization;
using System.Text;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using FreqScope.Spectral;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// Rebuilds a <c>poisson</c> run folder's <c>plots/</c> and its self-contained <c>report.html</c> (figures embedded
/// as PNG data URIs) from the data files alone. A run without summary.json (failed, or still running) gets a report
/// of what its CSV files hold, marked as incomplete.
/// </summary>
public static class PoissonReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the run, (re)writes every figure into <c>RUN_DIR/plots/</c>, then writes <c>report.html</c> atomically.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="InvalidDataException">A data file is missing or malformed (see <see cref="PoissonRunFolderReader.Read"/>).</exception>
    public static ReportResult Build(string runDir)
    {
        PoissonRunData run = PoissonRunFolderReader.Read(runDir);
        return ReportHtml.Write(run, run.RunDirectory, run.IsFinished, PoissonPlots.WriteAll, RenderHtml);
    }

    /// <summary>
    /// The report's HTML. The body opens with the verdict (finished run) or, for an unfinished run, with the banner
    /// "UNFINISHED RUN (status: S, N of M methods)" followed by a line saying there is no verdict; then the facts, the
    /// methods table, the hybrids, the analysed modes, the figures and config.json. Without summary.json the tables
    /// are computed from errors.csv and a note says the report is incomplete.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plots">The figures to embed (their PNG files are read and base64-encoded).</param>
    /// <returns>A complete HTML document.</returns>
    public static string RenderHtml(PoissonRunData run, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        string name = run.Name ?? Path.GetFileName(run.RunDirectory);
        string title = ReportHtml.Title(name, run.IsFinished, run.Manifest.Status);

        StringBuilder html = ReportHtml.Open(title, run.IsFinished ? null : UnfinishedBannerText(run.Manifest), VerdictText(run), run.Manifest, run.RunDirectory);
        AppendCompleteness(html, run);
        ReportHtml.AppendFacts(html, Facts(run, name));
        AppendMethods(html, run);
        AppendHybrids(html, run);
        AppendModes(html, run);
        ReportHtml.AppendFigures(html, plots, "No figures: errors.csv has no rows yet.");
        ReportHtml.AppendConfigAndEnd(html, run.ConfigJson, run.RunDirectory);
        return html.ToString();
    }

    /// <summary>The banner text of an unfinished run, e.g. <c>UNFINISHED RUN (status: interrupted, 2 of 6 methods)</c> (the manifest's steps count methods).</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The text.</returns>
    public static string UnfinishedBannerText(ManifestView manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ReportHtml.UnfinishedBanner(manifest.Status, string.Create(Invariant, $"{manifest.StepsCompleted} of {manifest.StepsPlanned} methods"));
    }

    /// <summary>
    /// The report's first sentence: summary.json's verdict for a finished run; for an unfinished run a provisional
    /// count of the finished methods that reached the tolerance (never a ranking); a note when summary.json is missing.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The sentence.</returns>
    public static string VerdictText(PoissonRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        PoissonSummary? summary = run.Summary;
        if (summary is null)
        {
            return run.IsFinished
                ? ReportHtml.MissingSummaryVerdict
                : "No verdict: summary.json is missing (the run has not finished); the tables and figures show errors.csv and modes.csv up to the last probe.";
        }

        if (run.IsFinished)
        {
            return summary.Verdict;
        }

        return string.Create(Invariant,
            $"No verdict: the run is unfinished; so far {summary.Methods.Count(m => m.Reached)} of the {summary.Methods.Count} finished methods reached ‖u − u_h‖∞ < {Number(summary.Tolerance)} (provisional).");
    }

    /// <summary>
    /// The rows of the methods table: summary.json's methods; without summary.json one row per method of errors.csv
    /// (those past the manifest's count of finished methods are marked "(unfinished)" in the table)
    /// computed from its probes (iterations, seconds and final error of the last probe; tolerance met at the first
    /// probe below config.json's tolerance, so at probe resolution; a hybrid's handover from its first probe; no mode
    /// convergence).
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The rows in run order.</returns>
    public static IReadOnlyList<PoissonMethodSummary> MethodSummaries(PoissonRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Summary is { } summary)
        {
            return summary.Methods;
        }

        List<PoissonMethodSummary> rows = [];
        foreach (string method in run.Methods)
        {
            PoissonErrorRow[] probes = run.ErrorsOf(method);
            PoissonErrorRow last = probes[^1];
            PoissonErrorRow? reached = run.Tolerance is double tolerance ? probes.FirstOrDefault(p => p.ErrorInf < tolerance) : null;
            bool hybrid = PoissonMethods.HandoverStep(method) is not null;
            rows.Add(new PoissonMethodSummary
            {
                Method = method,
                Kind = PoissonMethods.Kind(method),
                Reached = reached is not null,
                IterationsToTolerance = reached?.Iteration,
                SecondsToTolerance = reached?.Seconds,
                Iterations = last.Iteration,
                Seconds = last.Seconds,
                FinalError = last.ErrorInf,
                HandoverStep = PoissonMethods.HandoverStep(method),
                HandoverSeconds = hybrid ? probes[0].Seconds : null,
                HandoverError = hybrid ? probes[0].ErrorInf : null,
            });
        }

        return rows;
    }

    /// <summary>
    /// The sentence on the best hybrid, word for word the one in summary.json's verdict (<see cref="PoissonVerdict.Hybrid"/>);
    /// null when summary.json is missing or the run has no hybrid.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The sentence, or null.</returns>
    public static string? BestHybridText(PoissonRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        PoissonSummary? summary = run.Summary;
        if (summary is null || !summary.Methods.Any(m => m.Kind == "hybrid"))
        {
            return null;
        }

        return PoissonVerdict.Hybrid(summary.Methods, summary.HybridBaseline ?? PoissonMethods.Jacobi, summary.BestHybrid, summary.Tolerance, summary.BestHybridSpeedup);
    }

    private static void AppendCompleteness(StringBuilder html, PoissonRunData run)
    {
        if (run.Summary is null)
        {
            html.Append("<p class=\"note\" id=\"incomplete\">Incomplete report: summary.json is missing (status: ")
                .Append(Encode(run.Manifest.Status))
                .Append("), so the tables below are computed from errors.csv up to its last probe: the tolerance is met at probe resolution and there is no mode convergence, spectral-bias index or verdict.</p>\n");
        }
        else if (!run.IsFinished || !run.Summary.Finished)
        {
            html.Append("<p class=\"note\" id=\"incomplete\">Incomplete report: the run is unfinished; summary.json lists only the ")
                .Append(run.Summary.Methods.Count.ToString(Invariant))
                .Append(" methods that finished, and the figures show every probe written so far.</p>\n");
        }
    }

    private static List<(string Key, string Value)> Facts(PoissonRunData run, string name)
    {
        ManifestView m = run.Manifest;
        PoissonSummary? s = run.Summary;
        int? intervals = s?.Intervals ?? run.Intervals;
        int? unknowns = s?.Unknowns ?? (intervals is int n ? (int)Math.Pow(n - 1, run.Dimension) : null);
        string domain = run.DomainMin is double lo && run.DomainMax is double hi
            ? $"[{Number(lo)}, {Number(hi)}]" + (run.Dimension == 2 ? "²" : string.Empty)
            : "n/a";

        return
        [
            ("name", name),
            ("experiment", m.Experiment ?? PoissonExperimentConfig.Poisson),
            ("status", m.Status),
            ("methods finished", string.Create(Invariant, $"{m.StepsCompleted} of {m.StepsPlanned}")),
            ("dimension", run.Dimension.ToString(Invariant)),
            ("domain", domain),
            ("grid intervals per axis (n)", intervals?.ToString(Invariant) ?? "n/a"),
            ("unknowns", unknowns?.ToString(Invariant) ?? "n/a"),
            ("tolerance on ‖u − u_h‖∞", Number(run.Tolerance)),
            ("ε (per-mode convergence threshold)", Number(s?.Epsilon)),
            ("discretisation error ‖u_h − u*‖∞", s is null ? "n/a" : s.DiscretisationError is double d ? Number(d) : "n/a (no analytic solution)"),
            ("hybrid baseline", s?.HybridBaseline ?? "n/a"),
            ("best hybrid", s is null ? "n/a" : s.BestHybrid ?? "none"),
            ("best hybrid against its relaxation alone", s?.BestHybridSpeedup is double x ? PoissonVerdict.Comparison(x) : "n/a"),
            .. ReportHtml.RunFacts(m),
        ];
    }

    private static void AppendMethods(StringBuilder html, PoissonRunData run)
    {
        IReadOnlyList<PoissonMethodSummary> methods = MethodSummaries(run);
        html.Append("<h2 id=\"methods\">Methods</h2>\n");
        if (methods.Count == 0)
        {
            html.Append("<p>No method has finished yet.</p>\n");
            return;
        }

        html.Append("<p>Errors are ‖u − u_h‖∞ against the discrete solution u_h. Iterations are sweeps (relaxations), optimizer steps (network) or sweeps after the handover (hybrids); seconds are solver wall time (a hybrid's include the network's training up to the handover).</p>\n");
        string[] headers = ["method", "kind", "reached tolerance", "iterations to tolerance", "seconds to tolerance", "iterations", "seconds",
            "final ‖u − u_h‖∞", "spectral-bias index", "convergence order (modes)"];
        ReportHtml.AppendTable(html, "methods-table", headers, methods.Select((method, i) =>
        {
            bool hasModes = PoissonMethods.HasModes(method.Method);

            // Without summary.json, the methods past the manifest's count of finished ones (they run in order) were cut short.
            string stopped = run.Summary is null && i >= run.Manifest.StepsCompleted ? " (unfinished)" : string.Empty;
            string sbi = !hasModes || run.Summary is null ? "n/a"
                : method.SpectralBiasIndex is double v ? v.ToString("+0.00;-0.00;0.00", Invariant) : "undefined";
            string order = !hasModes || method.ConvergenceOrder is null ? "n/a" : ModeOrder(method);
            return new[]
            {
                method.Method + stopped, method.Kind, method.Reached ? "yes" : "no", method.IterationsToTolerance?.ToString(Invariant) ?? "never",
                method.SecondsToTolerance is double t ? Number(t) : "never", method.Iterations.ToString(Invariant), Number(method.Seconds),
                Number(method.FinalError), sbi, order,
            };
        }));
    }

    /// <summary>
    /// The modes that converged, in order with ties named, then those that did not: e.g. <c>1, 3, then 5 and 7
    /// together (step 400); not converged: 9</c>.
    /// </summary>
    private static string ModeOrder(PoissonMethodSummary method)
    {
        Dictionary<int, long?> at = (method.ModeConvergence ?? []).GroupBy(m => m.Mode).ToDictionary(g => g.Key, g => g.First().ConvergedAt);
        var converged = method.ConvergenceOrder!.Where(k => at.TryGetValue(k, out long? s) && s is not null).ToList();
        var never = method.ConvergenceOrder!.Except(converged).ToList();
        string text = converged.Count == 0
            ? "none converged"
            : ConvergenceOrderText.Sequence([.. converged.Select(k => k.ToString(Invariant))], [.. converged.Select(k => at[k])], separator: " → ");
        return never.Count == 0 ? text : $"{text}; not converged: {string.Join(", ", never.Select(k => k.ToString(Invariant)))}";
    }

    private static void AppendHybrids(StringBuilder html, PoissonRunData run)
    {
        PoissonMethodSummary[] hybrids = [.. MethodSummaries(run).Where(m => PoissonMethods.HandoverStep(m.Method) is not null)];
        if (hybrids.Length == 0)
        {
            return;
        }

        string baseline = run.Summary?.HybridBaseline ?? PoissonMethods.Jacobi;
        double? baselineSeconds = MethodSummaries(run).FirstOrDefault(m => m.Method == baseline)?.SecondsToTolerance;
        html.Append("<h2 id=\"hybrids\">Hybrids: network, then ").Append(Encode(baseline)).Append("</h2>\n");
        if (BestHybridText(run) is string best)
        {
            html.Append("<p class=\"verdict\" id=\"best-hybrid\">").Append(Encode(best)).Append("</p>\n");
        }

        string[] headers = ["method", "handover step", "handover seconds", "‖u − u_h‖∞ at the handover", "seconds to tolerance", "against " + Encode(baseline) + " alone"];
        ReportHtml.AppendTable(html, "hybrids-table", headers, hybrids.Select(h => new[]
        {
            h.Method, (h.HandoverStep ?? PoissonMethods.HandoverStep(h.Method))?.ToString(Invariant) ?? "n/a", Number(h.HandoverSeconds), Number(h.HandoverError),
            h.SecondsToTolerance is double t ? Number(t) : "never",
            baselineSeconds is double b && h.SecondsToTolerance is double s && s > 0 ? PoissonVerdict.Comparison(b / s) : "n/a",
        }));
    }

    private static void AppendModes(StringBuilder html, PoissonRunData run)
    {
        PoissonSummary? summary = run.Summary;
        if (summary is null || summary.Modes.Count == 0)
        {
            return;
        }

        PoissonMethodSummary[] methods = [.. summary.Methods.Where(m => m.ModeConvergence is not null)];
        string unit = run.Dimension == 1 ? "mode k (sine index)" : "shell s";
        html.Append("<h2 id=\"modes\">Analysed modes</h2>\n<p>A mode has converged at the first recorded iteration where its relative error |ê| / |û| fell below ε = ")
            .Append(Encode(Number(summary.Epsilon))).Append(".</p>\n");
        string[] headers = [Encode(unit), "frequency (cycles per unit length)", "|û|", .. methods.Select(m => $"converged at ({Encode(m.Method)})")];
        ReportHtml.AppendTable(html, "modes-table", headers, summary.Modes.Select(mode => (string[])
        [
            mode.Mode.ToString(Invariant), Number(mode.Frequency), Number(mode.Amplitude),
            .. methods.Select(m => m.ModeConvergence!.FirstOrDefault(x => x.Mode == mode.Mode) is { } c ? c.ConvergedAt?.ToString(Invariant) ?? "never" : "n/a"),
        ]));
    }


    private static string Number(double? value) => ReportHtml.Number(value);

    private static string Encode(string text) => ReportHtml.Encode(text);
}
