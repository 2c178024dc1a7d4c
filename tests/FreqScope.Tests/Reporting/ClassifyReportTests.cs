using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using FreqScope.Experiments.Classify;
using SkiaSharp;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed partial class ClassifyReportTests
{
    private static readonly string[] Common = ["accuracy", "loss"];
    private static readonly string[] FilteringFigures = ["filtering", "filtering-low-heatmap", "filtering-high-heatmap"];
    private static readonly string[] ProjectionFigures = ["projection-spectrum", "projection-peaks-heatmap", "projection-all-heatmap"];

    [Fact]
    public void Build_FinishedRun_OpensTheBodyWithTheVerdict()
    {
        using SyntheticClassifyRun run = new();
        ReportResult result = ClassifyReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.True(result.Finished);
        Assert.Equal(run.Summary.Verdict, ReportHtmlText.FirstBodyText(html));
        Assert.DoesNotContain("UNFINISHED", html);
        Assert.Contains("<title>FreqScope report: synthetic-classify</title>", html);
        Assert.Contains(WebUtility.HtmlEncode(run.Summary.Filtering!.Verdict), html);
        Assert.Contains(WebUtility.HtmlEncode(run.Summary.Projection!.Verdict), html);
    }

    [Fact]
    public void Build_InterruptedRun_HasTheBannerFirstAndNoVerdict()
    {
        using SyntheticClassifyRun run = new(status: "interrupted", epochsCompleted: 8, epochsPlanned: 20);
        ReportResult result = ClassifyReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.False(result.Finished);
        Assert.Equal("UNFINISHED RUN (status: interrupted, 8 of 20 epochs)", ReportHtmlText.FirstBodyText(html));
        Assert.Matches("<title>[^<]*UNFINISHED[^<]*</title>", html);
        Assert.DoesNotContain(run.Summary.Verdict, html);
        Assert.DoesNotContain(WebUtility.HtmlEncode(run.Summary.Projection!.Verdict), html);
        Assert.DoesNotContain("converged in the order", html, StringComparison.OrdinalIgnoreCase);
        string verdict = WebUtility.HtmlDecode(ReportHtmlText.VerdictParagraph().Match(html).Groups[1].Value);
        Assert.StartsWith("No verdict: the run is unfinished", verdict);
        Assert.Contains("1 of 3 projection peaks have reached Δ_F < ε", verdict); // index 3 converges at epoch 6, index 8 at 12
        Assert.Contains("up to epoch 8", verdict);
    }

    [Fact]
    public void Build_RunningRunWithoutSummary_SaysSummaryIsMissing()
    {
        using SyntheticClassifyRun run = new(status: "running", epochsCompleted: 5, epochsPlanned: 20, writeSummary: false);
        ReportResult result = ClassifyReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.StartsWith("UNFINISHED RUN (status: running, 5 of 20 epochs): no process holds the folder, so the run was stopped without ending", ReportHtmlText.FirstBodyText(html), StringComparison.Ordinal);
        Assert.Contains("No verdict: summary.json is missing", html);
        Assert.Contains("<tr><th>final test accuracy (last probe)</th>", html);

        // Without the summary's peaks there is no peaks heatmap; everything else is drawn from the CSV files.
        Assert.Equal([.. Common, .. FilteringFigures, "projection-spectrum", "projection-all-heatmap"], result.Plots.Select(p => p.Name));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Build_WritesOnlyTheFiguresWhoseDataExist(bool filtering, bool projection)
    {
        using SyntheticClassifyRun run = new(filtering: filtering, projection: projection);
        ReportResult result = ClassifyReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        string[] expected = [.. Common, .. filtering ? FilteringFigures : [], .. projection ? ProjectionFigures : []];
        Assert.Equal(expected, result.Plots.Select(p => p.Name));
        string[] files = [.. Directory.EnumerateFiles(Path.Combine(run.Directory, "plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(expected.SelectMany(n => new[] { n + ".pdf", n + ".png", n + ".svg" }).Order(StringComparer.Ordinal), files);
        Assert.Equal(expected.Length, DataUri().Matches(html).Count);
        Assert.Equal(filtering, html.Contains("<h2 id=\"filtering\">", StringComparison.Ordinal));
        Assert.Equal(projection, html.Contains("<h2 id=\"projection\">", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_FiguresAre900By560PngsAndSvgs_EmbeddedAsWritten()
    {
        using SyntheticClassifyRun run = new();
        ReportResult result = ClassifyReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        MatchCollection images = DataUri().Matches(html);
        for (int i = 0; i < result.Plots.Count; i++)
        {
            PlotFile plot = result.Plots[i];
            byte[] png = File.ReadAllBytes(plot.PngPath);
            Assert.Equal(Convert.ToBase64String(png), images[i].Groups[1].Value);
            using SKBitmap bitmap = SKBitmap.Decode(png);
            Assert.Equal(2 * 900, bitmap.Width);
            Assert.Equal(2 * 560, bitmap.Height);
            Assert.Equal("svg", XDocument.Load(plot.SvgPath).Root!.Name.LocalName);
        }

        Assert.Empty(Directory.EnumerateFiles(run.Directory, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void FilteringTable_ShowsTheSummaryNumbers()
    {
        using SyntheticClassifyRun run = new();
        string html = File.ReadAllText(ClassifyReport.Build(run.Directory).ReportPath);

        string table = Regex.Match(html, "<table class=\"peaks\" id=\"filtering-table\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        string[][] rows = [.. Regex.Matches(table, "<tr><td>(.*?)</td></tr>").Select(m => m.Groups[1].Value.Split("</td><td>"))];
        IReadOnlyList<DeltaSummary> deltas = run.Summary.Filtering!.Deltas;
        Assert.Equal(deltas.Count, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            DeltaSummary d = deltas[i];
            string[] cells = rows[i];
            Assert.Equal(d.Delta, Parse(cells[0]));
            Assert.Equal(d.LowFrequencyRatio, Parse(cells[1]));
            Assert.Equal(d.LowBelowAtEpoch, int.Parse(cells[2], CultureInfo.InvariantCulture));
            Assert.Equal(d.HighBelowAtEpoch, int.Parse(cells[3], CultureInfo.InvariantCulture));
            Assert.Equal(d.LowBeforeHigh == true ? "yes" : "no", cells[4]);
            Assert.Equal(d.FinalLowError, Parse(cells[5]));
            Assert.Equal(d.FinalHighError, Parse(cells[6]));
        }

        // The synthetic run's δ = 0.5: e_low below 0.1 from epoch 7, e_high from epoch 14.
        Assert.Equal(["0.5", "0.8875", "7", "14", "yes"], rows[1][..5]);
    }

    [Fact]
    public void ProjectionSection_HasDirectionPeaksOrderAndIndex()
    {
        using SyntheticClassifyRun run = new();
        string html = WebUtility.HtmlDecode(File.ReadAllText(ClassifyReport.Build(run.Directory).ReportPath));

        Assert.Contains("<tr><th>direction</th><td>principal component 1 (explains 29.0% of the variance)</td></tr>", html);
        Assert.Contains("<tr><th>spectral-bias index</th><td>+1.00</td></tr>", html);
        Assert.Contains("<tr><th>convergence order (frequency)</th><td>0.15 (index 3) → 0.4 (index 8) → 0.7 (index 14)</td></tr>", html);
        Assert.Contains("<tr><td>8</td><td>0.4</td><td>0.6</td><td>12</td><td>12</td></tr>", html);
        Assert.Contains("<tr><td>14</td><td>0.7</td><td>0.4</td><td>20</td><td>20</td></tr>", html);
    }

    [Fact]
    public void Facts_ShowEpochsStepsAccuracyAndEscapedConfig()
    {
        using SyntheticClassifyRun run = new(name: "a<b>&\"c\"");
        string html = File.ReadAllText(ClassifyReport.Build(run.Directory).ReportPath);

        Assert.Contains("<tr><th>epochs</th><td>20 of 20</td></tr>", html);
        Assert.Contains("<tr><th>steps</th><td>1000 of 1000</td></tr>", html);
        Assert.Contains("<tr><th>seed</th><td>7</td></tr>", html);
        Assert.Contains("<tr><th>wall time</th><td>300.4 s</td></tr>", html);
        Assert.Contains($"<tr><th>final test accuracy</th><td>{run.Summary.FinalTestAccuracy.ToString("G4", CultureInfo.InvariantCulture)}</td></tr>", html);
        Assert.Contains("<tr><th>name</th><td>a&lt;b&gt;&amp;&quot;c&quot;</td></tr>", html);

        string pre = Regex.Match(html, "<pre class=\"config\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("<b>", pre);
        Assert.Contains("\n  \"experiment\": \"classify\",", WebUtility.HtmlDecode(pre));
    }

    [Fact]
    public void SpectrumEpochs_AreFirstGeometricAndLast()
    {
        Assert.Equal([0, 1, 3, 7, 20], ClassifyPlots.SpectrumEpochs([.. Enumerable.Range(0, 21)]));
        Assert.Equal([0, 2, 4], ClassifyPlots.SpectrumEpochs([4, 0, 2]));
        Assert.Equal([0, 1, 5, 20, 100], ClassifyPlots.SpectrumEpochs([0, 1, 2, 5, 10, 20, 50, 100]));
    }

    [Fact]
    public void Build_BadDataFile_PropagatesTheReaderErrorAndWritesNoReport()
    {
        using SyntheticClassifyRun run = new();
        run.Delete("metrics.csv");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => ClassifyReport.Build(run.Directory));
        Assert.StartsWith("metrics.csv: missing", e.Message);
        Assert.False(File.Exists(run.PathOf("report.html")));
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("data:image/png;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex DataUri();
}
