using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Experiments;
using FreqScope.Solvers;
using FreqScope.Experiments.Poisson;

namespace FreqScope.Tests.Experiments;

public sealed class PoissonConfigTests
{
    private const string Minimal = """
        {
          "experiment": "poisson",
          "problem": { "intervals": 64, "source": { "kind": "sines", "terms": [ { "amplitude": 1, "frequency": 2 } ] } }
        }
        """;

    private const string WithNetwork = """
        {
          "experiment": "poisson",
          "problem": { "intervals": 64, "source": { "kind": "sines", "terms": [ { "amplitude": 1, "frequency": 2 } ] } },
          "network": { "steps": 100 },
          "hybrid": { "handover": [10, 50] }
        }
        """;

    private static ConfigException Fails(string json)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(json, "c.json"));
        Assert.StartsWith("c.json: ", e.Message);
        return e;
    }

    private static string With(string path, string? raw) => ConfigJson.Set(Minimal, path, raw);

    [Fact]
    public void MinimalConfigGetsTheDocumentedDefaults()
    {
        var c = Assert.IsType<PoissonExperimentConfig>(ConfigLoader.ParseAny(Minimal, "c.json"));
        Assert.Equal(("poisson", "poisson", 0L, "cpu"), (c.Experiment, c.Name, c.Seed, c.Device));
        Assert.Equal((1, -1.0, 1.0, 64), (c.Problem.Dimension, c.Problem.Min, c.Problem.Max, c.Problem.Intervals));
        Assert.Equal([new SineTerm(1, 2, 0)], c.Problem.Source.Terms);
        Assert.Equal(1e-4, c.Tolerance);
        Assert.Equal([RelaxationKind.Jacobi], c.Classic.Methods);
        Assert.Equal(2.0 / 3.0, c.Classic.Omega);
        Assert.Equal(10_000_000, c.Classic.MaxIterations);
        Assert.Null(c.Network);
        Assert.Null(c.Hybrid);
        Assert.Equal(new PoissonProbeConfig(), c.Probe);
    }

    [Fact]
    public void NetworkAndHybridDefaults()
    {
        var c = (PoissonExperimentConfig)ConfigLoader.ParseAny(WithNetwork, "c.json");
        Assert.Equal(new PdeNetworkConfig { Steps = 100 }, c.Network);
        Assert.Equal([32, 32], c.Network!.Hidden);
        Assert.Equal((PdeLoss.Residual, PdeBoundary.Penalty, 100.0, 128, Sampling.Uniform, 2), (c.Network.Loss, c.Network.Boundary, c.Network.BoundaryWeight, c.Network.Collocation.Count, c.Network.Collocation.Sampling, c.Network.BoundaryPoints));
        Assert.Equal([10L, 50L], c.Hybrid!.Handover);
        Assert.Equal(RelaxationKind.Jacobi, c.Hybrid.Relaxation);
    }

    [Fact]
    public void TwoDimensionalDefaultsAreTheUnitSquareWith256BoundaryPoints()
    {
        var json = """
            { "experiment": "poisson",
              "problem": { "dimension": 2, "intervals": 16, "source": { "kind": "modes", "modes": [ { "amplitude": 2, "m": 1, "n": 3 } ] } },
              "network": { "steps": 5 } }
            """;
        var c = (PoissonExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        Assert.Equal((0.0, 1.0), (c.Problem.Min, c.Problem.Max));
        Assert.Equal([new ModeTerm(2, 1, 3)], c.Problem.Source.Modes);
        Assert.Equal(256, c.Network!.BoundaryPoints);
    }

    [Fact]
    public void EveryKeyRoundTripsThroughTheWriter()
    {
        var json = """
            {
              "experiment": "poisson", "name": "p-1", "seed": 4, "device": "auto",
              "problem": { "dimension": 2, "domain": [-2, 3], "intervals": 40, "source": { "kind": "expression", "expression": "exp(-x^2) * sin(3*y)" } },
              "tolerance": 2e-5,
              "classic": { "methods": ["gaussSeidel", "dampedJacobi", "jacobi"], "omega": 0.5, "maxIterations": 12345 },
              "network": { "hidden": [5, 6], "activation": "sin", "weightInit": { "distribution": "normal", "std": 0.3 },
                           "biasInit": { "distribution": "zeros" }, "loss": "ritz", "boundary": "exact", "boundaryWeight": 3.5,
                           "collocation": { "count": 99, "sampling": "random" }, "boundaryPoints": 12,
                           "optimizer": "sgd", "learningRate": 0.01, "momentum": 0.9, "nesterov": true, "beta1": 0.8, "beta2": 0.95,
                           "weightDecay": 1e-3, "schedule": "cosine", "decaySteps": 17, "gamma": 0.3, "steps": 77 },
              "hybrid": { "handover": [0, 7, 70], "relaxation": "dampedJacobi" },
              "probe": { "points": 33, "every": 7, "keep": 12, "minRelativeHeight": 0.1, "epsilon": 0.05, "modes": [9, 2] }
            }
            """;
        var c = (PoissonExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        Assert.Equal([2, 9], c.Probe.Modes);
        Assert.Equal(PdeBoundary.Exact, c.Network!.Boundary);
        Assert.Equal((ScheduleKind.Cosine, 17, 0.3), (c.Network.Schedule, c.Network.DecaySteps, c.Network.Gamma));
        Assert.Equal("exp(-x^2) * sin(3*y)", c.Problem.Source.Expression);
        var written = ConfigLoader.ToJsonAny(c);
        var again = ConfigLoader.ParseAny(written, "again");
        Assert.Equal(c, again);
        Assert.Equal(written, ConfigLoader.ToJsonAny(again));
    }

    [Theory]
    [InlineData("problem.dimension", "3", "$.problem.dimension", "1 or 2")]
    [InlineData("problem.domain", "[1, -1]", "$.problem.domain", "min < max")]
    [InlineData("problem.domain", "[0]", "$.problem.domain", "two numbers")]
    [InlineData("problem.intervals", "3", "$.problem.intervals", "between 4 and 1000000")]
    [InlineData("problem.source", "{\"kind\": \"modes\", \"modes\": [{\"amplitude\": 1, \"m\": 1, \"n\": 1}]}", "$.problem.source.kind", "2-D source")]
    [InlineData("problem.source.terms", "[]", "$.problem.source.terms", "at least one term")]
    [InlineData("problem.source.terms", "[{\"amplitude\": 1, \"frequency\": 0}]", "$.problem.source.terms[0].frequency", "> 0")]
    [InlineData("problem.source.expression", "\"x\"", "$.problem.source.expression", "applies to kind \"expression\"")]
    [InlineData("tolerance", "0", "$.tolerance", "> 0")]
    [InlineData("classic.methods", "[\"jacobi\", \"jacobi\"]", "$.classic.methods[1]", "listed twice")]
    [InlineData("classic.methods", "[\"sor\"]", "$.classic.methods[0]", "jacobi, dampedJacobi, gaussSeidel")]
    [InlineData("classic.omega", "1.5", "$.classic.omega", "(0, 1]")]
    [InlineData("classic.maxIterations", "0", "$.classic.maxIterations", ">= 1")]
    [InlineData("classic.methods", "[]", "$.classic", "nothing to run")]
    [InlineData("hybrid", "{\"handover\": [1]}", "$.hybrid", "needs a network")]
    [InlineData("probe.modes", "[64]", "$.probe.modes[0]", "between 1 and 63")]
    [InlineData("probe.points", "1", "$.probe.points", "between 2 and 100000")]
    [InlineData("unknown", "1", "$.unknown", "unknown")]
    public void InvalidValuesNameThePathAndWhatWasExpected(string path, string raw, string reportedPath, string expected)
    {
        var e = Fails(With(path, raw));
        Assert.Contains(reportedPath, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("hybrid.handover", "[10, 10]", "$.hybrid.handover[1]", "after 10")]
    [InlineData("hybrid.handover", "[101]", "$.hybrid.handover[0]", "between 0 and network.steps = 100")]
    [InlineData("hybrid.handover", "[]", "$.hybrid.handover", "at least one step")]
    [InlineData("hybrid.relaxation", "\"gaussSeidel\"", "$.hybrid.relaxation", "add it to classic.methods")]
    [InlineData("network.activation", "\"relu\"", "$.network.activation", "zero second derivative")]
    [InlineData("network.boundaryPoints", "4", "$.network.boundaryPoints", "2 in 1-D")]
    [InlineData("network.collocation.count", "0", "$.network.collocation.count", "between 1 and")]
    [InlineData("network.steps", "0", "$.network.steps", "between 1 and")]
    public void InvalidNetworkAndHybridValuesNameThePath(string path, string raw, string reportedPath, string expected)
    {
        var e = Fails(ConfigJson.Set(WithNetwork, path, raw));
        Assert.Contains(reportedPath, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AnInvalidFormulaIsReportedWithTheParserMessage()
    {
        var e = Fails(With("problem.source", "{\"kind\": \"expression\", \"expression\": \"sin(x\"}"));
        Assert.Contains("$.problem.source.expression", e.Message);
        Assert.Contains("\"sin(x\" is not a valid formula", e.Message);
        var y = Fails(With("problem.source", "{\"kind\": \"expression\", \"expression\": \"x + y\"}"));
        Assert.Contains("\"y\"", y.Message);
    }

    [Fact]
    public void TwoDimensionalModesMustFitTheGrid()
    {
        var json = """
            { "experiment": "poisson",
              "problem": { "dimension": 2, "intervals": 16, "source": { "kind": "modes", "modes": [ { "amplitude": 2, "m": 16, "n": 3 } ] } } }
            """;
        var e = Fails(json);
        Assert.Contains("$.problem.source.modes[0].m", e.Message);
        Assert.Contains("between 1 and intervals − 1 = 15", e.Message);
    }

    [Fact]
    public void SmokeShrinksTheGridTheNetworkAndScalesTheHandovers()
    {
        var json = ConfigJson.Set(ConfigJson.Set(ConfigJson.Set(WithNetwork, "problem.intervals", "2000"), "network.steps", "2000"), "hybrid.handover", "[250, 500, 1000, 2000]");
        var c = (PoissonExperimentConfig)ConfigLoader.ParseAny(json, "c.json");
        var s = PoissonExperiment.Smoke(c);
        Assert.Equal(128, s.Problem.Intervals);
        Assert.Equal(60, s.Network!.Steps);
        Assert.Equal([7L, 15L, 30L, 60L], s.Hybrid!.Handover);
        Assert.Equal(200_000, s.Classic.MaxIterations);
        Assert.Equal(10, s.Probe.Every);
        Assert.Equal(40, s.Probe.Points);
    }

    [Fact]
    public void PlanRunsRelaxationsThenTheNetworkThenTheHybrids()
    {
        var c = (PoissonExperimentConfig)ConfigLoader.ParseAny(ConfigJson.Set(WithNetwork, "classic.methods", "[\"gaussSeidel\", \"jacobi\"]"), "c.json");
        Assert.Equal(["gaussSeidel", "jacobi", "network", "hybrid-10", "hybrid-50"], PoissonExperiment.Plan(c));
    }

    [Fact]
    public void ProbeIterationsAreLogSpacedFromOneToTheLimit()
    {
        var p = PoissonExperiment.ProbeIterations(1_000_000, 7);
        Assert.Equal([1L, 10L, 100L, 1000L, 10_000L, 100_000L, 1_000_000L], p);
        var dense = PoissonExperiment.ProbeIterations(50, 200);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), dense);
    }
}
