using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FreqScope.Core.Runs;
using FreqScope.Reporting;
using FreqScope.Experiments.Fit1d;
using SkiaSharp;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed partial class FitReportTests
{
    private static readonly string[] FigureNames = ["fit", "spectrum", "peaks-heatmap", "all-k-heatmap", "loss"];

    [Fact]
    public void Build_FinishedRun_OpensTheBodyWithTheVerdict()
    {
        using SyntheticRun run = new();
        ReportResult result = FitReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.True(result.Finished);
        Assert.Equal("Frequencies converged in the order 1, 3, 5 (spectral-bias index +1.00).", ReportHtmlText.FirstBodyText(html));
        Assert.DoesNotContain("UNFINISHED", html);
        Assert.Contains("<title>FreqScope report: synthetic-3-peaks</title>", html);
    }

    [Fact]
    public void Build_EmbedsOnePngPerFigure_EachA900By560Png()
    {
        using SyntheticRun run = new();
        ReportResult result = FitReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        MatchCollection images = DataUri().Matches(html);
        Assert.Equal(FigureNames.Length, images.Count);
        Assert.Equal(FigureNames, result.Plots.Select(p => p.Name));
        foreach (Match image in images)
        {
            byte[] png = Convert.FromBase64String(image.Groups[1].Value);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal(2 * 900, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.Equal(2 * 560, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
            using SKBitmap bitmap = SKBitmap.Decode(png);
            Assert.NotNull(bitmap);
            Assert.Equal(2 * 900, bitmap.Width);
        }

        // The embedded images are the PNG files written to plots/.
        Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(Path.Combine(run.Directory, "plots", "fit.png"))), images[0].Groups[1].Value);
    }

    [Fact]
    public void Build_WritesSvgFilesThatParseAsXmlWithAnSvgRoot()
    {
        using SyntheticRun run = new();
        ReportResult result = FitReport.Build(run.Directory);

        Assert.Equal(FigureNames.Length, result.Plots.Count);
        foreach (string name in FigureNames)
        {
            XDocument svg = XDocument.Load(Path.Combine(run.Directory, "plots", name + ".svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
        }
    }

    [Fact]
    public void Build_PlotTitlesRenderAsVisibleText()
    {
        // A blank title band means the font did not load (no system fonts): count dark pixels above the plot area.
        using SyntheticRun run = new();
        FitReport.Build(run.Directory);
        using SKBitmap bitmap = SKBitmap.Decode(Path.Combine(run.Directory, "plots", "loss.png"));

        // Sum the dark pixels of the rows above the plot frame (the first row that is mostly dark).
        int dark = 0;
        for (int y = 0; y < bitmap.Height / 4; y++)
        {
            int row = 0;
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                row += c.Red + c.Green + c.Blue < 300 ? 1 : 0;
            }

            if (row > bitmap.Width / 2)
            {
                break;
            }

            dark += row;
        }

        Assert.True(dark > 100, $"only {dark} dark pixels in the title band (font file: {PlotFonts.FontFile ?? "none"})");
    }

    [Fact]
    public void Build_ReportHasFactsPeaksCaptionsAndEscapedConfig()
    {
        using SyntheticRun run = new(name: "a<b>&\"c\"");
        string html = File.ReadAllText(FitReport.Build(run.Directory).ReportPath);

        Assert.Contains("<tr><th>steps</th><td>1000 of 1000</td></tr>", html);
        Assert.Contains("<tr><th>spectral-bias index</th><td>+1.00</td></tr>", html);
        Assert.Contains("<tr><th>TorchSharp</th><td>0.107.0</td></tr>", html);
        Assert.Contains("<tr><td>5</td><td>5</td><td>0.2</td><td>700</td><td>700</td></tr>", html);
        Assert.Equal(FigureNames.Length, Regex.Matches(html, "<figcaption>").Count);

        string pre = Regex.Match(html, "<pre class=\"config\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("<b>", pre);
        Assert.Contains("a&lt;b&gt;&amp;\\&quot;c\\&quot;", pre);
        Assert.Contains("\n  \"probe\": {", WebUtility.HtmlDecode(pre));
    }

    [Fact]
    public void Build_UnfinishedRunWithSummary_HasBannerFirstAndNoConvergenceOrderClaim()
    {
        using SyntheticRun run = new(status: "interrupted", stepsCompleted: 500, stepsPlanned: 1000);
        ReportResult result = FitReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.False(result.Finished);
        Assert.Equal("UNFINISHED RUN (status: interrupted, 500 of 1000 steps)", ReportHtmlText.FirstBodyText(html));
        Assert.Matches("<title>[^<]*UNFINISHED[^<]*</title>", html);
        Assert.DoesNotContain("converged in the order", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2 of 3 peaks have reached", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void Build_UnfinishedRunWithoutSummaryOrOutputs_SaysSummaryIsMissing()
    {
        using SyntheticRun run = new(status: "running", stepsCompleted: 300, stepsPlanned: 1000, writeSummary: false, writeOutputs: false);
        ReportResult result = FitReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.StartsWith("UNFINISHED RUN (status: running, 300 of 1000 steps): no process holds the folder, so the run was stopped without ending", ReportHtmlText.FirstBodyText(html), StringComparison.Ordinal);
        Assert.Contains("No verdict: summary.json is missing", html);
        Assert.DoesNotContain("converged in the order", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(result.Plots, p => p.Name == "fit"); // no outputs.csv yet
        Assert.Equal(4, DataUri().Matches(html).Count);

        // Provisional peaks come from spectra.csv: k = 1 crosses ε = 0.05 at step 200, k = 5 not by step 300.
        Assert.Contains("<tr><td>1</td><td>1</td><td>0.5</td><td>200</td><td>200</td></tr>", html);
        Assert.Contains("<td>never</td>", html);
    }

    /// <summary>A theory section as the runner writes it: tanh, U(−1, 1), peaks k = 1, 3, 5 at angular frequency 2π k.</summary>
    private static string TheorySection(string activation = "tanh")
    {
        double[] k = [.. SyntheticRun.PeakKs.Select(p => 2 * Math.PI * p)];
        long?[] measured = [200, 500, 700];
        var predictions = FreqScope.Theory.OneHiddenLayerTheory.Predict(FreqScope.Core.Activation.Tanh, FreqScope.Theory.FirstLayerWeights.Uniform(1), k, 200);
        string peaks = string.Join(",\n", k.Select((x, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $$"""{ "index": {{SyntheticRun.PeakKs[i]}}, "angularFrequency": {{x:R}}, "relativePriority": {{predictions[i].RelativePriority:R}}, "log10RelativePriority": {{predictions[i].Log10RelativePriority:R}}, "predictedStep": {{(predictions[i].PredictedStep is double s ? s.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "null")}}, "measuredStep": {{measured[i]}} }""")));
        return $$"""
            {
              "prediction": "one-hidden-layer",
              "skipped": null,
              "hiddenLayers": 3,
              "activation": "{{activation}}",
              "firstLayerWeights": { "distribution": "uniform", "std": 0.5773502691896258, "bound": 1, "source": "weightInit default" },
              "anchorIndex": 1,
              "peaks": [ {{peaks}} ],
              "spearman": 1
            }
            """;
    }

    [Fact]
    public void Build_WithTheorySection_DrawsTheTwoPanelTheoryFigureAndExplainsIt()
    {
        using SyntheticRun run = new(theoryJson: TheorySection());
        ReportResult result = FitReport.Build(run.Directory);
        string html = WebUtility.HtmlDecode(File.ReadAllText(result.ReportPath));

        Assert.Equal([.. FigureNames, "theory"], result.Plots.Select(p => p.Name));
        PlotFile theory = result.Plots.Single(p => p.Name == "theory");
        using (SKBitmap bitmap = SKBitmap.Decode(theory.PngPath))
        {
            Assert.Equal(2 * 2 * 620, bitmap.Width);
            Assert.Equal(2 * 560, bitmap.Height);
        }

        Assert.Equal("svg", XDocument.Load(theory.SvgPath).Root!.Name.LocalName);
        Assert.Contains("One-hidden-layer theory: the error at angular frequency k decays", html);
        Assert.Contains("w ~ U(−1, 1)", html);
        Assert.Contains("Spearman correlation of predicted and measured steps: +1.00", html);
        Assert.Contains("This network has 3 hidden layers", html);
        Assert.Contains("<tr><td>1</td><td>6.283</td><td>1</td><td>200</td><td>200</td></tr>", html);
        Assert.Contains("for tanh and ReLU with the same first-layer weights", html);
        Assert.DoesNotContain("computed by the report", html);
    }

    [Fact]
    public void Build_WithoutTheorySectionOrValidConfig_StillWorksAndSaysWhy()
    {
        using SyntheticRun run = new();
        ReportResult result = FitReport.Build(run.Directory);
        string html = File.ReadAllText(result.ReportPath);

        Assert.Equal(FigureNames, result.Plots.Select(p => p.Name));
        Assert.Contains("No one-hidden-layer prediction: summary.json has no theory section", html);
        Assert.False(File.Exists(Path.Combine(run.Directory, "plots", "theory.png")));
    }

    [Fact]
    public void Build_OldSummaryWithAValidConfig_ComputesTheTheoryFromConfigJson()
    {
        using SyntheticRun run = new();
        run.Write("config.json", """
            {
              "experiment": "fit1d",
              "target": { "kind": "sinusoids", "frequencyUnit": "cycles", "terms": [ { "frequency": 1 }, { "frequency": 3 }, { "frequency": 5 } ] },
              "data": { "domain": [0, 1], "train": { "count": 64 } },
              "model": { "hidden": [50], "activation": "relu", "weightInit": { "distribution": "normal", "std": 0.5 } },
              "probe": { "epsilon": 0.05, "errorForm": "complex" }
            }
            """);
        FitRunData data = FitRunFolderReader.Read(run.Directory);
        Assert.True(data.TheoryIsRecomputed);
        Assert.Equal("normal", data.Theory!.FirstLayerWeights!.Distribution);
        // ReLU: P(k) ∝ 1/k⁴, so peak 5 (frequency 5 cycles) is predicted at 200 × 5⁴.
        Assert.Equal(200.0 * 625, data.Theory.Peaks[2].PredictedStep!.Value, 1e-3);

        ReportResult result = FitReport.Build(run.Directory);
        Assert.Contains(result.Plots, p => p.Name == "theory");
        Assert.Contains("computed by the report from config.json", WebUtility.HtmlDecode(File.ReadAllText(result.ReportPath)));
    }

    [Fact]
    public void Build_SkippedTheory_DrawsNoTheoryFigureAndGivesTheReason()
    {
        using SyntheticRun run = new(theoryJson: """{ "prediction": "one-hidden-layer", "skipped": "activation sin has a line spectrum", "hiddenLayers": 1, "activation": "sin", "peaks": [] }""");
        ReportResult result = FitReport.Build(run.Directory);

        Assert.DoesNotContain(result.Plots, p => p.Name == "theory");
        Assert.Contains("No one-hidden-layer prediction: activation sin has a line spectrum.", File.ReadAllText(result.ReportPath));
    }

    [Fact]
    public void Build_Twice_OverwritesAndLeavesNoTemporaryFiles()
    {
        using SyntheticRun run = new();
        FitReport.Build(run.Directory);
        ReportResult second = FitReport.Build(run.Directory);

        Assert.True(File.Exists(second.ReportPath));
        Assert.Empty(Directory.EnumerateFiles(run.Directory, "*.tmp-*", SearchOption.AllDirectories));
        Assert.All(second.AllPaths, p => Assert.True(File.Exists(p), p));
    }

    [Fact]
    public void Build_BadDataFile_PropagatesTheReaderError()
    {
        using SyntheticRun run = new();
        File.AppendAllText(run.PathOf("metrics.csv"), "1100,nope,0.1\n");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => FitReport.Build(run.Directory));
        Assert.Equal("metrics.csv line 13: \"nope\" is not a number (column train_loss)", e.Message);
        Assert.False(File.Exists(Path.Combine(run.Directory, "report.html")));
    }

    [Fact]
    public void AtomicFile_ReplacesContentAndRemovesTheTemporaryFile()
    {
        using SyntheticRun run = new();
        string path = run.PathOf("note.txt");
        AtomicFile.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new ε");
        AtomicFile.WriteAllBytes(run.PathOf("b.bin"), [1, 2, 3]);

        Assert.Equal("new ε", File.ReadAllText(path));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(run.PathOf("b.bin")));
        Assert.False(File.Exists(AtomicFile.TemporaryPath(path)));
        Assert.EndsWith(".tmp-" + Environment.ProcessId, AtomicFile.TemporaryPath(path));
    }

    [GeneratedRegex("data:image/png;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex DataUri();
}
