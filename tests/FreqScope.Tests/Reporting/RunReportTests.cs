using FreqScope.Core.Runs;
using FreqScope.Reporting;
using FreqScope.Sweeps;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed class RunReportTests
{
    [Fact]
    public void Build_Fit1dRun_UsesTheFitReport()
    {
        using SyntheticRun run = new();
        ReportResult result = RunReport.Build(run.Directory);

        Assert.Equal("fit1d", RunReport.KindOf(run.Directory).Name);
        Assert.Equal(["fit", "spectrum", "peaks-heatmap", "all-k-heatmap", "loss"], result.Plots.Select(p => p.Name));
        Assert.Contains("Frequencies converged in the order 1, 3, 5", File.ReadAllText(result.ReportPath));
    }

    [Fact]
    public void Build_ConfigWithoutExperiment_UsesTheFitReport()
    {
        using SyntheticRun run = new();
        string config = File.ReadAllText(run.PathOf("config.json"));
        run.Write("config.json", config.Replace("\"experiment\": \"fit1d\",", string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain("experiment", File.ReadAllText(run.PathOf("config.json")));

        ReportResult result = RunReport.Build(run.Directory);

        Assert.Equal("fit", result.Plots[0].Name);
    }

    [Fact]
    public void Build_ClassifyRun_UsesTheClassifyReport()
    {
        using SyntheticClassifyRun run = new(filtering: false);
        ReportResult result = RunReport.Build(run.Directory);

        Assert.Equal("classify", RunReport.KindOf(run.Directory).Name);
        Assert.Equal(["accuracy", "loss", "projection-spectrum", "projection-peaks-heatmap", "projection-all-heatmap"], result.Plots.Select(p => p.Name));
        Assert.Contains(run.Summary.Verdict, File.ReadAllText(result.ReportPath));
    }

    [Fact]
    public void Build_PoissonRun_UsesThePoissonReport()
    {
        using SyntheticPoissonRun run = new();
        ReportResult result = RunReport.Build(run.Directory);

        Assert.Equal("poisson", RunReport.KindOf(run.Directory).Name);
        Assert.Equal("error-vs-time", result.Plots[0].Name);
        Assert.Contains("mode-heatmaps", result.Plots.Select(p => p.Name));
        Assert.Contains(run.Summary.Verdict, File.ReadAllText(result.ReportPath));
    }

    [Fact]
    public void Build_UnknownExperiment_IsRejectedNamingItAndTheAllowedOnes()
    {
        using SyntheticClassifyRun run = new();
        string config = File.ReadAllText(run.PathOf("config.json"));
        run.Write("config.json", config.Replace("\"experiment\": \"classify\"", "\"experiment\": \"regress2d\"", StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => RunReport.Build(run.Directory));

        Assert.Equal("config.json: \"experiment\" is \"regress2d\"; reports exist for \"fit1d\", \"classify\", \"poisson\", \"fourier-features\", \"ntk\", \"parity\" and \"image-fit\"", e.Message);
        Assert.False(File.Exists(run.PathOf("report.html")));
    }

    [Fact]
    public void Build_MissingConfig_NamesIt()
    {
        using SyntheticClassifyRun run = new();
        run.Delete("config.json");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => RunReport.Build(run.Directory));
        Assert.StartsWith("config.json: missing", e.Message);
    }
}
