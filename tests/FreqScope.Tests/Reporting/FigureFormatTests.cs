using FreqScope.Core.Runs;
using FreqScope.Reporting;
using FreqScope.Tests.Golden;
using FreqScope.Sweeps;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Reporting;

/// <summary>
/// Every figure of every kind, as PDF, SVG and PNG (2×): drawn from the synthetic runs and from smoke runs of one
/// shipped config per kind and figure set; dashed series keep their dashes in the SVG; the same data draw the same bytes.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FigureFormatTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-figures");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void SyntheticRuns_EveryFigureHasAValidPdfSvgAndDoublePng()
    {
        using SyntheticRun fit = new();
        using SyntheticClassifyRun filtering = new(filtering: true);
        using SyntheticClassifyRun projection = new(filtering: false);
        using SyntheticPoissonRun poisson = new();
        int figures = 0;
        foreach (string dir in new[] { fit.Directory, filtering.Directory, projection.Directory, poisson.Directory })
        {
            ReportResult result = RunReport.Build(dir);
            Assert.NotEmpty(result.Plots);
            foreach (PlotFile plot in result.Plots) FigureFiles.AssertValid(plot);
            figures += result.Plots.Count;
            string[] files = [.. Directory.EnumerateFiles(result.PlotsDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            Assert.Equal(result.Plots.SelectMany(p => new[] { p.Name + ".pdf", p.Name + ".png", p.Name + ".svg" }).Order(StringComparer.Ordinal), files);
            string html = File.ReadAllText(result.ReportPath);
            foreach (PlotFile plot in result.Plots) Assert.Contains($"<a href=\"plots/{plot.Name}.pdf\">PDF</a>", html);
        }

        Assert.True(figures >= 15, $"{figures} figures");
    }

    [Fact]
    public void Filtering_EHighIsDashedInTheSvgAndELowIsNot()
    {
        using SyntheticClassifyRun run = new(filtering: true);
        PlotFile figure = RunReport.Build(run.Directory).Plots.Single(p => p.Name == "filtering");

        // Each δ has a solid e_low (one stroked path) and a dashed e_high (a filled path of many dashes).
        int deltas = SyntheticClassifyRun.Deltas.Length;
        Assert.True(FigureFiles.SegmentedPaths(figure.SvgPath) >= deltas, $"{FigureFiles.SegmentedPaths(figure.SvgPath)} dashed paths for {deltas} δ");
    }

    [Fact]
    public void SolidOnlyFigure_HasNoDashedPathsInTheSvg()
    {
        using SyntheticRun run = new();
        PlotFile figure = RunReport.Build(run.Directory).Plots.Single(p => p.Name == "fit");
        Assert.Equal(0, FigureFiles.SegmentedPaths(figure.SvgPath));
    }

    [Fact]
    public void TwoBuildsOfTheSameRun_WriteByteIdenticalFigures()
    {
        using SyntheticClassifyRun run = new(filtering: true);
        Dictionary<string, byte[]> first = FigureFiles.Bytes(RunReport.Build(run.Directory));
        Dictionary<string, byte[]> second = FigureFiles.Bytes(RunReport.Build(run.Directory));

        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(first.Keys, k => k.EndsWith(".pdf", StringComparison.Ordinal));
        Assert.All(first, f => Assert.True(f.Value.AsSpan().SequenceEqual(second[f.Key]), $"{Path.GetFileName(f.Key)} differs between two builds"));
    }

    public static TheoryData<string, string[]> SmokeCases() => new()
    {
        { "fprinciple-1d.json", ["theory"] },
        { "fashion-mnist-mlp-filtering.json", ["filtering"] },
        { "fashion-mnist-mlp-paths.json", ["path-spectra"] },
        { "poisson-1d-hybrid.json", ["solution"] },
        { "poisson-2d-hybrid.json", [] },
        { "ff-gaussian.json", ["spectra"] },
        { "ntk-linearised-vs-training.json", ["losses", "projections"] },
        { "parity-10.json", ["radial-spectra"] },
        { "image-fit-plain.json", [] },
        { "sweep-seeds-1d.json", [] },
    };

    [Theory]
    [MemberData(nameof(SmokeCases))]
    public void SmokeRun_EveryFigureHasAValidPdfSvgAndDoublePngAndDashesSurvive(string file, string[] dashed)
    {
        string work = Path.Combine(_dir, Path.GetFileNameWithoutExtension(file));
        var (config, sweep) = GoldenRunTests.PrepareConfig(file, work);
        string output = Path.Combine(work, "out");
        var (code, text) = CliRunner.Run(sweep ? "sweep" : "run", config, "--smoke", "--out", output);
        Assert.True(code == 0, $"{file}: exit {code}\n{text}");

        string[] reports = Directory.GetFiles(output, "report.html", SearchOption.AllDirectories);
        Assert.NotEmpty(reports);
        int figures = 0;
        foreach (string report in reports)
        {
            ReportResult result = RunReport.Build(Path.GetDirectoryName(report)!);
            foreach (PlotFile plot in result.Plots) FigureFiles.AssertValid(plot);
            figures += result.Plots.Count;
            foreach (string name in dashed.Where(n => result.Plots.Any(p => p.Name == n)))
            {
                PlotFile plot = result.Plots.Single(p => p.Name == name);
                Assert.True(FigureFiles.SegmentedPaths(plot.SvgPath) >= 1, $"{file}: {name}.svg has no dashed path");
            }
        }

        Assert.True(figures >= 3, $"{file}: {figures} figures");
        Assert.All(dashed, name => Assert.True(File.Exists(Path.Combine(output, "plots", name + ".svg")), $"{file}: no {name}.svg"));
    }
}
