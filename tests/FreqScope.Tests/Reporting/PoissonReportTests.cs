using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using FreqScope.Experiments.Poisson;
using SkiaSharp;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed partial class PoissonReportTests
{
    private static readonly string[] AllFigures1d =
        ["error-vs-time", "error-vs-iteration", "mode-heatmaps", "mode-heatmap-damped-jacobi", "mode-heatmap-gauss-seidel", "mode-errors", "solution"];

    [Fact]
    public void Build_FinishedRun_OpensWithTheVerdictAndWritesEveryFigure()
    {
        using SyntheticPoissonRun run = new();
        ReportResult result = PoissonReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.True(result.Finished);
        Assert.Equal(run.Summary.Verdict, ReportHtmlText.FirstBodyText(html));
        Assert.DoesNotContain("UNFINISHED", html);
        Assert.DoesNotContain("id=\"incomplete\"", html);
        Assert.Contains("<title>FreqScope report: synthetic-poisson</title>", html);
        Assert.Equal(AllFigures1d, result.Plots.Select(p => p.Name));
        string[] files = [.. Directory.EnumerateFiles(Path.Combine(run.Directory, "plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(AllFigures1d.SelectMany(n => new[] { n + ".pdf", n + ".png", n + ".svg" }).Order(StringComparer.Ordinal), files);
        Assert.StartsWith("Damped Jacobi: log10 of the relative error |ê| / |û| of each sine mode k", result.Plots.Single(p => p.Name == "mode-heatmap-damped-jacobi").Caption);
        Assert.StartsWith("Gauss–Seidel: log10 of the relative error", result.Plots.Single(p => p.Name == "mode-heatmap-gauss-seidel").Caption);
        Assert.All(result.Plots, p => Assert.Contains(WebUtility.HtmlEncode(p.Caption), html));
    }

    [Fact]
    public void MethodsTable_ShowsTheSummaryValues()
    {
        using SyntheticPoissonRun run = new();
        string html = WebUtility.HtmlDecode(File.ReadAllText(PoissonReport.Build(run.Directory).ReportPath));

        string[][] rows = TableRows(html, "methods-table");
        IReadOnlyList<PoissonMethodSummary> methods = run.Summary.Methods;
        Assert.Equal(methods.Count, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            PoissonMethodSummary m = methods[i];
            string[] cells = rows[i];
            Assert.Equal(m.Method, cells[0]);
            Assert.Equal(m.Kind, cells[1]);
            Assert.Equal(m.Reached ? "yes" : "no", cells[2]);
            Assert.Equal(m.IterationsToTolerance?.ToString(CultureInfo.InvariantCulture) ?? "never", cells[3]);
            Assert.Equal(m.SecondsToTolerance, cells[4] == "never" ? null : Parse(cells[4]));
            Assert.Equal(m.Iterations, long.Parse(cells[5], CultureInfo.InvariantCulture));
            Assert.Equal(m.Seconds, Parse(cells[6]));
            Assert.Equal(m.FinalError, Parse(cells[7]));
        }

        // Jacobi: 0.5 cos(π/32)^t < 1e-4 from sweep 1765 (1.765 s); modes converge high first. The network never gets there.
        Assert.Equal(["jacobi", "classic", "yes", "1765", "1.765", "5000", "5", "1.65E-11", "-1.00", "8 → 4 → 2 → 1"], rows[0]);
        Assert.Equal(["network", "network", "no", "never", "never", "2000", "0.2", "0.01016", "+1.00", "1 → 2 → 4 → 8"], rows[3]);
        Assert.Equal(["n/a", "n/a"], rows[5][8..]);
    }

    [Fact]
    public void Hybrids_ShowHandoverAndTheBestHybridsSpeedup()
    {
        using SyntheticPoissonRun run = new();
        string html = WebUtility.HtmlDecode(File.ReadAllText(PoissonReport.Build(run.Directory).ReportPath));

        // hybrid-1000: 0.068668 · 0.97^t < 1e-4 from t = 215, so 0.1 s of training + 0.215 s of sweeps; Jacobi alone 1.765 s.
        Assert.Equal(SyntheticPoissonRun.Round4(1.765 / 0.315), run.Summary.BestHybridSpeedup);
        Assert.Contains("<p class=\"verdict\" id=\"best-hybrid\">Best hybrid: the network for 1000 steps, then jacobi, reached ‖u − u_h‖∞ < 0.0001 in 0.315 s, 5.603× faster than jacobi alone (1.765 s).</p>", html);
        Assert.Contains("<tr><th>best hybrid against its relaxation alone</th><td>5.603× faster</td></tr>", html);

        string[][] rows = TableRows(html, "hybrids-table");
        Assert.Equal(["hybrid-500", "500", "0.05", "0.1849", "0.423", "4.173× faster"], rows[0]);
        Assert.Equal(["hybrid-1000", "1000", "0.1", "0.06867", "0.315", "5.603× faster"], rows[1]);
        Assert.Equal(SyntheticPoissonRun.Round4(SyntheticPoissonRun.NetworkError(500)), Parse(rows[0][3]));
    }

    [Fact]
    public void ModesTable_ShowsEachMethodsConvergenceIteration()
    {
        using SyntheticPoissonRun run = new();
        string html = WebUtility.HtmlDecode(File.ReadAllText(PoissonReport.Build(run.Directory).ReportPath));

        Assert.Contains("<th>mode k (sine index)</th><th>frequency (cycles per unit length)</th><th>|û|</th><th>converged at (jacobi)</th><th>converged at (dampedJacobi)</th><th>converged at (gaussSeidel)</th><th>converged at (network)</th></tr>", html);
        string[][] rows = TableRows(html, "modes-table");
        Assert.Equal(SyntheticPoissonRun.AnalysedModes.Length, rows.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            PoissonModeInfo mode = run.Summary.Modes[r];
            Assert.Equal(mode.Mode.ToString(CultureInfo.InvariantCulture), rows[r][0]);
            Assert.Equal(mode.Frequency, Parse(rows[r][1]));
            Assert.Equal(mode.Amplitude, Parse(rows[r][2]));
            for (int m = 0; m < 4; m++)
            {
                long? at = run.Summary.Methods[m].ModeConvergence!.Single(c => c.Mode == mode.Mode).ConvergedAt;
                Assert.Equal(at?.ToString(CultureInfo.InvariantCulture) ?? "never", rows[r][3 + m]);
            }
        }

        // Jacobi: cos(π/32)^t < 0.01 from t ≈ 952 (probe 1000), cos(8π/32)^t from t ≈ 14 (probe 20); the network: mode 1 at step 300, mode 8 at 1900.
        Assert.Equal(["1", "0.5", "1", "1000"], rows[0][..4]);
        Assert.Equal("300", rows[0][6]);
        Assert.Equal(["8", "4", "0.01562", "20"], rows[3][..4]);
        Assert.Equal("1900", rows[3][6]);
    }

    [Fact]
    public void Build_InterruptedRun_HasTheBannerAnIncompleteNoteAndNoVerdict()
    {
        using SyntheticPoissonRun run = new(status: "interrupted", methodsCompleted: 2);
        ReportResult result = PoissonReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.False(result.Finished);
        Assert.Equal("UNFINISHED RUN (status: interrupted, 2 of 6 methods)", ReportHtmlText.FirstBodyText(html));
        Assert.Matches("<title>[^<]*UNFINISHED RUN, interrupted[^<]*</title>", html);
        Assert.DoesNotContain(run.Summary.Verdict, html);
        string verdict = WebUtility.HtmlDecode(ReportHtmlText.VerdictParagraph().Match(html).Groups[1].Value);
        Assert.Equal("No verdict: the run is unfinished; so far 2 of the 2 finished methods reached ‖u − u_h‖∞ < 0.0001 (provisional).", verdict);
        Assert.Contains("<p class=\"note\" id=\"incomplete\">Incomplete report: the run is unfinished; summary.json lists only the 2 methods that finished", html);
        Assert.Equal(2, TableRows(html, "methods-table").Length);

        // The CSV files hold Gauss–Seidel's first probes too, so its heatmap is drawn; no network has run, so Jacobi's heatmap stands alone.
        Assert.Equal(AllFigures1d, result.Plots.Select(p => p.Name));
        Assert.Equal((900, "Relative error per mode: Jacobi (one colour scale)"), result.Plots.Single(p => p.Name == "mode-heatmaps") is var h ? (h.Width, h.Title) : default);
    }

    [Fact]
    public void Build_FailedRunWithoutSummary_ReportsWhatTheCsvFilesHold()
    {
        using SyntheticPoissonRun run = new(status: "failed", methodsCompleted: 3, writeSummary: false);
        ReportResult result = PoissonReport.Build(run.Directory);
        string html = WebUtility.HtmlDecode(File.ReadAllText(result.ReportPath));

        Assert.False(result.Finished);
        Assert.Equal("UNFINISHED RUN (status: failed, 3 of 6 methods)", ReportHtmlText.FirstBodyText(html));
        Assert.Contains("No verdict: summary.json is missing (the run has not finished)", html);
        Assert.Contains("Incomplete report: summary.json is missing (status: failed), so the tables below are computed from errors.csv", html);
        Assert.Contains("<tr><th>error</th><td>out of memory</td></tr>", html);
        Assert.DoesNotContain("id=\"best-hybrid\"", html);
        Assert.DoesNotContain("id=\"modes-table\"", html);

        // Jacobi first probed below 1e-4 at sweep 2000 (probe resolution); the network stopped at its 10th probe (step 900).
        string[][] rows = TableRows(html, "methods-table");
        Assert.Equal(["jacobi", "dampedJacobi", "gaussSeidel", "network (unfinished)"], rows.Select(r => r[0]));
        Assert.Contains("<tr><th>best hybrid</th><td>n/a</td></tr>", html);
        Assert.Equal(["jacobi", "classic", "yes", "2000", "2", "5000", "5", ReportHtml.Number(0.5 * Math.Pow(Math.Cos(Math.PI / 32), 5000)), "n/a", "n/a"], rows[0]);
        Assert.Equal(["network (unfinished)", "network", "no", "never", "never", "900", "0.09", ReportHtml.Number(SyntheticPoissonRun.NetworkError(900))], rows[3][..8]);
        Assert.Equal([1, 2, 3, 4, 6, 8, 12, 16], PoissonPlots.AnalysedModes(PoissonRunFolderReader.Read(run.Directory)));
        Assert.Contains("mode-errors", result.Plots.Select(p => p.Name));
    }

    [Fact]
    public void Figures_ArePngsOfTheirSizeAndSvgs_EmbeddedAsWritten()
    {
        using SyntheticPoissonRun run = new();
        ReportResult result = PoissonReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        MatchCollection images = DataUri().Matches(html);
        Assert.Equal(result.Plots.Count, images.Count);
        for (int i = 0; i < result.Plots.Count; i++)
        {
            PlotFile plot = result.Plots[i];
            bool twoPanels = plot.Name is "mode-heatmaps" or "mode-errors";
            int width = twoPanels ? 2 * PlotCanvas.PanelWidth : 900;
            byte[] png = File.ReadAllBytes(plot.PngPath);
            Assert.Equal(Convert.ToBase64String(png), images[i].Groups[2].Value);
            Assert.Equal(width.ToString(CultureInfo.InvariantCulture), images[i].Groups[1].Value);
            using SKBitmap bitmap = SKBitmap.Decode(png);
            Assert.Equal(2 * width, bitmap.Width);
            Assert.Equal(2 * 560, bitmap.Height);
            Assert.Equal((width, 560), (plot.Width, plot.Height));
            XElement svg = XDocument.Load(plot.SvgPath).Root!;
            Assert.Equal("svg", svg.Name.LocalName);
            Assert.Equal(width.ToString(CultureInfo.InvariantCulture), svg.Attribute("width")!.Value);
        }

        Assert.Empty(Directory.EnumerateFiles(run.Directory, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void ModeHeatmaps_SidePanelsAreDistinctHalves()
    {
        using SyntheticPoissonRun run = new();
        ReportResult result = PoissonReport.Build(run.Directory);
        PlotFile figure = result.Plots.Single(p => p.Name == "mode-heatmaps");

        // Both halves are drawn: each has plenty of non-white pixels, and they differ (Jacobi and the network are not the same picture).
        using SKBitmap bitmap = SKBitmap.Decode(figure.PngPath);
        int half = bitmap.Width / 2;
        int[] coloured = [0, 0];
        int differ = 0;
        for (int y = 0; y < bitmap.Height; y += 4)
        {
            for (int x = 0; x < half; x += 4)
            {
                SKColor left = bitmap.GetPixel(x, y);
                SKColor right = bitmap.GetPixel(x + half, y);
                coloured[0] += IsColoured(left) ? 1 : 0;
                coloured[1] += IsColoured(right) ? 1 : 0;
                differ += left != right ? 1 : 0;
            }
        }

        Assert.All(coloured, c => Assert.True(c > 2000, $"{c} coloured pixels"));
        Assert.True(differ > 2000, $"{differ} differing pixels");
    }

    [Fact]
    public void Build_WithoutJacobi_DrawsTheNetworkHeatmapAlone()
    {
        using SyntheticPoissonRun run = new(jacobi: false);
        ReportResult result = PoissonReport.Build(run.Directory);

        PlotFile heatmaps = result.Plots.Single(p => p.Name == "mode-heatmaps");
        Assert.Equal("Relative error per mode: network (one colour scale)", heatmaps.Title);
        using SKBitmap bitmap = SKBitmap.Decode(heatmaps.PngPath);
        Assert.Equal(2 * 900, bitmap.Width);
        Assert.Equal("Relative error of the analysed modes: network", result.Plots.Single(p => p.Name == "mode-errors").Title);
    }

    [Fact]
    public void Build_TwoDimensionalRun_DrawsTheNetworkErrorInsteadOfTheSolution()
    {
        using SyntheticPoissonRun run = new(dimension: 2);
        ReportResult result = PoissonReport.Build(run.Directory);
        string html = WebUtility.HtmlDecode(File.ReadAllText(result.ReportPath));

        Assert.Equal([.. AllFigures1d[..^1], "network-error"], result.Plots.Select(p => p.Name));
        Assert.Contains("<tr><th>unknowns</th><td>961</td></tr>", html);
        Assert.Contains("<tr><th>discretisation error ‖u_h − u*‖∞</th><td>n/a (no analytic solution)</td></tr>", html);
        Assert.Contains("<th>shell s</th>", html);

        (double[] xs, double[] ys, double[,] values) = PoissonPlots.NetworkErrorGrid(PoissonRunFolderReader.Read(run.Directory));
        Assert.Equal(31, xs.Length);
        Assert.Equal(31, ys.Length);
        Assert.Equal(3 / 32.0, xs[2]);
        Assert.Equal(0.01 * (3 / 32.0) * (20 / 32.0), values[19, 2], 1e-12); // row = y index, column = x index
    }

    [Fact]
    public void Facts_ShowProblemToleranceAndEscapedConfig()
    {
        using SyntheticPoissonRun run = new(name: "a<b>&\"c\"");
        string html = File.ReadAllText(PoissonReport.Build(run.Directory).ReportPath);

        Assert.Contains("<tr><th>methods finished</th><td>6 of 6</td></tr>", html);
        Assert.Contains("<tr><th>domain</th><td>[0, 1]</td></tr>", html);
        Assert.Contains("<tr><th>grid intervals per axis (n)</th><td>32</td></tr>", html);
        Assert.Contains("<tr><th>unknowns</th><td>31</td></tr>", html);
        Assert.Contains("<tr><th>ε (per-mode convergence threshold)</th><td>0.01</td></tr>", html);
        Assert.Contains("<tr><th>discretisation error ‖u_h − u*‖∞</th><td>0.0008035</td></tr>", html);
        Assert.Contains("<tr><th>wall time</th><td>120.5 s</td></tr>", html);
        Assert.Contains("<tr><th>name</th><td>a&lt;b&gt;&amp;&quot;c&quot;</td></tr>", html);
        string pre = Regex.Match(html, "<pre class=\"config\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("\n  \"experiment\": \"poisson\",", WebUtility.HtmlDecode(pre));
        Assert.Contains("\"intervals\": 32", WebUtility.HtmlDecode(pre));
    }

    [Fact]
    public void Build_BadDataFile_PropagatesTheReaderErrorAndWritesNoReport()
    {
        using SyntheticPoissonRun run = new();
        run.Delete("errors.csv");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => PoissonReport.Build(run.Directory));
        Assert.StartsWith("errors.csv: missing", e.Message);
        Assert.False(File.Exists(run.PathOf("report.html")));
    }

    private static bool IsColoured(SKColor c) => Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 60;

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string[][] TableRows(string html, string id)
    {
        Match table = Regex.Match(html, $"<table class=\"peaks\" id=\"{id}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table {id}");
        return [.. Regex.Matches(table.Groups[1].Value, "<tr><td>(.*?)</td></tr>").Select(m => m.Groups[1].Value.Split("</td><td>"))];
    }

    [GeneratedRegex("<img width=\"(\\d+)\" height=\"560\" alt=\"[^\"]*\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex DataUri();
}
