using FreqScope.Experiments;
using FreqScope.Reporting;
using FreqScope.Experiments.Poisson;
using Xunit;

namespace FreqScope.Tests.Reporting;

public sealed class PoissonRunFolderReaderTests
{
    [Fact]
    public void Read_ReturnsExactlyTheRowsWritten()
    {
        using SyntheticPoissonRun run = new();
        PoissonRunData data = PoissonRunFolderReader.Read(run.Directory);

        Assert.Equal(run.ErrorRows, data.Errors);
        Assert.NotNull(data.Modes);
        Assert.Equal(run.ModeRows, data.Modes);
        Assert.NotNull(data.Solution);
        Assert.Equal(run.SolutionRows, data.Solution);

        // Spot checks against the formulas: Jacobi's mode 3 after 20 sweeps, the NaN written as "NaN", a hybrid's handover row.
        Assert.Equal(Math.Pow(Math.Cos(3 * Math.PI / 32), 20), data.Modes.Single(r => r is { Method: "jacobi", Iteration: 20, Mode: 3 }).RelativeError);
        Assert.True(double.IsNaN(data.Errors.Single(r => r is { Method: "network", Iteration: SyntheticPoissonRun.NanRmsStep }).ErrorRms));
        PoissonErrorRow handover = data.ErrorsOf("hybrid-1000")[0];
        Assert.Equal(new PoissonErrorRow("hybrid-1000", 0, 1000 * SyntheticPoissonRun.StepSeconds, SyntheticPoissonRun.NetworkError(1000), 0.7 * SyntheticPoissonRun.NetworkError(1000)), handover);
        Assert.Equal(SyntheticPoissonRun.AllMethods, data.Methods);
        Assert.Equal(["jacobi", "dampedJacobi", "gaussSeidel", "network"], data.ModeMethods);
        Assert.Equal(SyntheticPoissonRun.ClassicProbes.Length * SyntheticPoissonRun.RecordedModes.Length, data.ModesOf("jacobi").Length);
    }

    [Fact]
    public void Read_ParsesConfigManifestAndSummary()
    {
        using SyntheticPoissonRun run = new();
        PoissonRunData data = PoissonRunFolderReader.Read(run.Directory);

        Assert.Equal("synthetic-poisson", data.Name);
        Assert.Equal(1, data.Dimension);
        Assert.Equal(0.0, data.DomainMin);
        Assert.Equal(1.0, data.DomainMax);
        Assert.Equal(32, data.Intervals);
        Assert.Equal(1e-4, data.ConfigTolerance);
        Assert.True(data.IsFinished);
        Assert.Equal(6, data.Manifest.StepsCompleted);
        Assert.Equal("poisson", data.Manifest.Experiment);

        PoissonSummary summary = Assert.IsType<PoissonSummary>(data.Summary);
        Assert.Equal(run.Summary.Verdict, summary.Verdict);
        Assert.Equal(run.Summary.Modes, summary.Modes);
        Assert.Equal(6, summary.Methods.Count);
        Assert.Equal(1765, summary.Methods[0].IterationsToTolerance); // 0.5 cos(π/32)^t < 1e-4 from t = 1765
        Assert.Equal([8, 4, 2, 1], summary.Methods[0].ConvergenceOrder);
        Assert.Equal([1, 2, 4, 8], summary.Methods[3].ConvergenceOrder);
        Assert.Equal(run.Summary.Methods[3].ModeConvergence, summary.Methods[3].ModeConvergence);
        Assert.Equal("hybrid-1000", summary.BestHybrid);
        Assert.Equal(run.Summary.BestHybridSpeedup, summary.BestHybridSpeedup);
        Assert.Equal(0.01, data.Epsilon);
    }

    [Fact]
    public void Read_TwoDimensionalRun_HasYAndEmptyExact()
    {
        using SyntheticPoissonRun run = new(dimension: 2);
        PoissonRunData data = PoissonRunFolderReader.Read(run.Directory);

        Assert.Equal(2, data.Dimension);
        Assert.Equal(31 * 31, data.Solution!.Count);
        PoissonSolutionRow row = data.Solution[40]; // x = 2/32, y = 10/32
        Assert.Equal(2 / 32.0, row.X);
        Assert.Equal(10 / 32.0, row.Y);
        Assert.Null(row.Exact);
        Assert.Equal(row.Discrete + (0.01 * row.X * row.Y!.Value), row.Network);
    }

    [Fact]
    public void Read_WithoutNetwork_HasNullNetworkValuesAndNoHybrids()
    {
        using SyntheticPoissonRun run = new(network: false, exact: false, status: "failed", methodsCompleted: 1, writeSummary: false);
        PoissonRunData data = PoissonRunFolderReader.Read(run.Directory);

        Assert.All(data.Solution!, r => Assert.Null(r.Network));
        Assert.All(data.Solution!, r => Assert.Null(r.Exact));
        Assert.Equal(["jacobi", "dampedJacobi"], data.Methods);
        Assert.Null(data.Summary);
        Assert.Equal("out of memory", data.Manifest.Error);
        Assert.Equal(1e-4, data.Tolerance); // from config.json when summary.json is missing
    }

    [Theory]
    [InlineData("errors.csv", 3, "sor,5,0.1,0.2,0.3", "errors.csv line 3: \"sor\" is not a method (column method; expected jacobi, dampedJacobi, gaussSeidel, network or hybrid-T with T the handover step)")]
    [InlineData("errors.csv", 3, "hybrid-x,5,0.1,0.2,0.3", "errors.csv line 3: \"hybrid-x\" is not a method (column method; expected jacobi, dampedJacobi, gaussSeidel, network or hybrid-T with T the handover step)")]
    [InlineData("errors.csv", 4, "jacobi,5,0.1,lots,0.3", "errors.csv line 4: \"lots\" is not a number (column error_inf)")]
    [InlineData("errors.csv", 2, "jacobi,-1,0.1,0.2,0.3", "errors.csv line 2: \"-1\" is not a valid iteration (column iteration)")]
    [InlineData("errors.csv", 2, "jacobi,1.5,0.1,0.2,0.3", "errors.csv line 2: \"1.5\" is not an integer (column iteration)")]
    [InlineData("modes.csv", 5, "hybrid-500,5,3,1.5,0.2", "modes.csv line 5: \"hybrid-500\" is not a method (column method; expected jacobi, dampedJacobi, gaussSeidel or network; hybrids have no mode rows)")]
    [InlineData("modes.csv", 2, "jacobi,5,3,1.5,-0.2", "modes.csv line 2: \"-0.2\" is negative, not a relative error (column relative_error)")]
    [InlineData("modes.csv", 2, "jacobi,5,-3,1.5,0.2", "modes.csv line 2: \"-3\" is not a valid mode index (column mode)")]
    [InlineData("solution.csv", 6, "0.5,0.25,x,", "solution.csv line 6: \"x\" is not a number (column exact)")]
    public void Read_BadRow_NamesFileLineValueAndColumn(string file, int line, string content, string message)
    {
        using SyntheticPoissonRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf(file));
        lines[line - 1] = content;
        File.WriteAllLines(run.PathOf(file), lines);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => PoissonRunFolderReader.Read(run.Directory));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("errors.csv", "method,iteration,seconds,error_inf")]
    [InlineData("modes.csv", "method,iteration,k,frequency,relative_error")]
    [InlineData("solution.csv", "x,y,discrete,exact,network")]
    public void Read_WrongHeader_NamesTheExpectedHeader(string file, string header)
    {
        using SyntheticPoissonRun run = new();
        string[] lines = File.ReadAllLines(run.PathOf(file));
        string expected = lines[0];
        lines[0] = header;
        File.WriteAllLines(run.PathOf(file), lines);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => PoissonRunFolderReader.Read(run.Directory));
        Assert.Equal($"{file} line 1: expected header \"{expected}\", found \"{header}\"", e.Message);
    }

    [Theory]
    [InlineData("errors.csv")]
    [InlineData("manifest.json")]
    [InlineData("config.json")]
    public void Read_MissingRequiredFile_NamesIt(string file)
    {
        using SyntheticPoissonRun run = new();
        run.Delete(file);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => PoissonRunFolderReader.Read(run.Directory));
        Assert.StartsWith(file + ": missing", e.Message);
    }

    [Fact]
    public void Read_OptionalFilesAbsent_GivesNulls()
    {
        using SyntheticPoissonRun run = new(status: "running", methodsCompleted: 0, writeSummary: false);
        run.Delete("modes.csv");
        run.Delete("solution.csv");
        PoissonRunData data = PoissonRunFolderReader.Read(run.Directory);

        Assert.Null(data.Modes);
        Assert.Null(data.Solution);
        Assert.Null(data.Summary);
        Assert.Empty(data.ModeMethods);
        Assert.Equal(SyntheticPoissonRun.ClassicProbes.Length / 2, data.Errors.Count); // half of Jacobi's probes
    }

    [Theory]
    [InlineData("\"dimension\": 1", "\"dimension\": 3", "config.json: \"problem.dimension\" is 3, not 1 or 2")]
    [InlineData("\"dimension\": 1, ", "", "config.json: \"problem.dimension\" is missing")]
    [InlineData("\"domain\": [0.0, 1.0]", "\"domain\": [0.0]", "config.json: \"problem.domain\" is [0.0], not [min, max]")]
    [InlineData("\"experiment\": \"poisson\"", "\"experiment\": \"classify\"", "config.json: \"experiment\" is \"classify\", not \"poisson\"")]
    public void Read_BadConfig_NamesKeyAndValue(string from, string to, string message)
    {
        using SyntheticPoissonRun run = new();
        string config = File.ReadAllText(run.PathOf("config.json"));
        Assert.Contains(from, config);
        run.Write("config.json", config.Replace(from, to, StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => PoissonRunFolderReader.Read(run.Directory));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Read_SummaryWithUnknownMethod_NamesIndexAndValue()
    {
        using SyntheticPoissonRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        run.Write("summary.json", summary.Replace("\"method\": \"gaussSeidel\"", "\"method\": \"sor\"", StringComparison.Ordinal));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => PoissonRunFolderReader.Read(run.Directory));
        Assert.Equal($"summary.json: methods[2].method \"sor\" is not a method (expected {PoissonMethods.Expected})", e.Message);
    }

    [Fact]
    public void Read_SummaryWithoutVerdict_NamesFileAndProperty()
    {
        using SyntheticPoissonRun run = new();
        string summary = File.ReadAllText(run.PathOf("summary.json"));
        int at = summary.LastIndexOf("\"verdict\"", StringComparison.Ordinal);
        run.Write("summary.json", summary[..summary.LastIndexOf(',', at)] + "\n}\n");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => PoissonRunFolderReader.Read(run.Directory));
        Assert.StartsWith("summary.json: ", e.Message);
        Assert.Contains("verdict", e.Message);
    }

    [Theory]
    [InlineData("jacobi", true, "classic", null)]
    [InlineData("network", true, "network", null)]
    [InlineData("hybrid-250", true, "hybrid", 250L)]
    [InlineData("hybrid-", false, "hybrid", null)]
    [InlineData("hybrid--5", false, "hybrid", null)]
    [InlineData("Jacobi", false, "hybrid", null)]
    public void Methods_AreRecognisedByName(string method, bool valid, string kind, long? handover)
    {
        Assert.Equal(valid, PoissonMethods.IsValid(method));
        Assert.Equal(handover, PoissonMethods.HandoverStep(method));
        if (valid)
        {
            Assert.Equal(kind, PoissonMethods.Kind(method));
        }
    }
}
