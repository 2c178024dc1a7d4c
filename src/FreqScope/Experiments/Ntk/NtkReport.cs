using System.Globalization;
using System.Text;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// Rebuilds an <c>ntk</c> run folder's <c>plots/</c> and its self-contained <c>report.html</c> from the data files alone
/// (see <see cref="NtkRunFolderReader"/>). A run without summary.json (failed, or still running) gets a report of what
/// its CSV files hold, marked as incomplete.
/// </summary>
public static class NtkReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the run, (re)writes every figure into <c>RUN_DIR/plots/</c>, then writes <c>report.html</c> atomically.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="InvalidDataException">A data file is missing or malformed.</exception>
    public static ReportResult Build(string runDir)
    {
        NtkRunData run = NtkRunFolderReader.Read(runDir);
        return ReportHtml.Write(run, run.RunDirectory, run.IsFinished, NtkPlots.WriteAll, RenderHtml);
    }

    /// <summary>
    /// The report's HTML: the verdict (or, unfinished, the banner "UNFINISHED RUN (status: S, N of M steps)" and a line
    /// saying there is no verdict), the facts, the top eigenvectors, the figures and config.json.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plots">The figures to embed.</param>
    /// <returns>A complete HTML document.</returns>
    public static string RenderHtml(NtkRunData run, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plots);
        string name = run.Name ?? Path.GetFileName(run.RunDirectory);
        string title = ReportHtml.Title(name, run.IsFinished, run.Manifest.Status);
        string? banner = run.IsFinished ? null
            : ReportHtml.UnfinishedBanner(run.Manifest.Status, string.Create(Invariant, $"{run.Manifest.StepsCompleted} of {run.Manifest.StepsPlanned} steps"));
        StringBuilder html = ReportHtml.Open(title, banner, VerdictText(run), run.Manifest, run.RunDirectory);
        if (run.Summary is null)
        {
            html.Append("<p class=\"note\" id=\"incomplete\">Incomplete report: summary.json is missing (status: ")
                .Append(ReportHtml.Encode(run.Manifest.Status)).Append("); the figures show the data files up to the last probe.</p>\n");
        }

        ReportHtml.AppendFacts(html, Facts(run, name));
        AppendEigen(html, run);
        ReportHtml.AppendFigures(html, plots, "No figures: trajectory.csv has no rows yet.");
        ReportHtml.AppendConfigAndEnd(html, run.ConfigJson, run.RunDirectory);
        return html.ToString();
    }

    /// <summary>summary.json's verdict for a finished run; otherwise a sentence saying there is none (with the last recorded discrepancy).</summary>
    /// <param name="run">The run.</param>
    /// <returns>The sentence.</returns>
    public static string VerdictText(NtkRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.IsFinished && run.Summary is { } summary)
        {
            return summary.Verdict;
        }

        string last = run.Trajectory.Count == 0 ? "no probe yet"
            : string.Create(Invariant, $"the last probe (step {run.Trajectory[^1].Step}) has ‖f − f_lin‖ / ‖y − f₀‖ = {ReportHtml.Number(run.Trajectory[^1].Discrepancy)}");
        return run.IsFinished
            ? $"No verdict: summary.json is missing from this run folder; {last}."
            : $"No verdict: the run is unfinished; {last} (provisional).";
    }

    private static List<(string Key, string Value)> Facts(NtkRunData run, string name)
    {
        ManifestView m = run.Manifest;
        NtkSummary? s = run.Summary;
        return
        [
            ("name", name),
            ("experiment", m.Experiment ?? NtkExperimentConfig.Ntk),
            ("status", m.Status),
            ("steps", string.Create(Invariant, $"{m.StepsCompleted} of {m.StepsPlanned}")),
            ("training points n", s?.TrainCount.ToString(Invariant) ?? "n/a"),
            ("test points", s?.TestCount.ToString(Invariant) ?? "n/a"),
            ("parameters", s?.ParameterCount.ToString(Invariant) ?? "n/a"),
            ("learning rate η", ReportHtml.Number(s?.LearningRate)),
            ("largest eigenvalue λ₀", ReportHtml.Number(s?.LargestEigenvalue)),
            ("ηλ₀/n (linearised GD converges below 2)", ReportHtml.Number(s?.StabilityFactor)),
            ("final loss, network", ReportHtml.Number(s?.FinalLossReal)),
            ("final loss, linearised", ReportHtml.Number(s?.FinalLossLinear)),
            ("final ‖f − f_lin‖ / ‖y − f₀‖ (train)", ReportHtml.Number(s?.FinalDiscrepancy)),
            ("largest ‖f − f_lin‖ / ‖y − f₀‖ (train)", ReportHtml.Number(s?.MaxDiscrepancy)),
            ("final ‖f − f_lin‖ / ‖y − f₀‖ (test)", ReportHtml.Number(s?.FinalTestDiscrepancy)),
            ("kernel drift ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F", ReportHtml.Number(s?.KernelDrift)),
            ("Spearman ρ(eigenvalue rank, frequency)", s is null ? "n/a" : string.Create(Invariant, $"{ReportHtml.Number(s.EigenFrequencySpearman)} over {s.SpearmanEigenvectors} eigenvectors")),
            .. ReportHtml.RunFacts(m),
        ];
    }

    private static void AppendEigen(StringBuilder html, NtkRunData run)
    {
        if (run.Eigen is not { Count: > 0 } eigen)
        {
            return;
        }

        html.Append("<h2 id=\"eigen\">Top eigenvectors of Θ₀</h2>\n<p>Eigenvalues of the NTK on the training points at initialisation; the frequency is the peak of each eigenvector's DFT on the training grid (cycles per unit length). Under plain gradient descent the residual along v_k shrinks by (1 − ηλ_k/n) per step.</p>\n");
        ReportHtml.AppendTable(html, "eigen-table", ["k", "λ_k", "DFT index", "frequency"], eigen.Take(16).Select(row => new[]
        {
            row.Index.ToString(Invariant), ReportHtml.Number(row.Eigenvalue), row.DftIndex.ToString(Invariant), ReportHtml.Number(row.Frequency),
        }));
    }
}
