using System.Globalization;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Solvers;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Poisson;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class PoissonExperimentTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-poisson");

    public PoissonExperimentTests() => NativeLoader.EnsureLoaded();

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly SineTerm[] Terms = [new(1, 1, 0), new(4, 4, 0), new(-8, 8, 0), new(16, 24, 0)];

    private static PoissonExperimentConfig Config(int intervals = 64, long steps = 0, IReadOnlyList<long>? handover = null,
        IReadOnlyList<RelaxationKind>? methods = null, double min = -1) => new()
    {
        Name = "t",
        Problem = new PoissonProblemConfig { Intervals = intervals, Domain = new(min, min + 2), Source = new PoissonSourceConfig { Kind = PoissonSourceKind.Sines, Terms = Terms } },
        Tolerance = 1e-4,
        Classic = new ClassicSolversConfig { Methods = methods is null ? [RelaxationKind.Jacobi] : [.. methods], MaxIterations = 1_000_000 },
        Network = steps == 0 ? null : new PdeNetworkConfig { Steps = steps, Collocation = new CollocationConfig { Count = 64 } },
        Hybrid = handover is null ? null : new HybridConfig { Handover = [.. handover] },
        Probe = new PoissonProbeConfig { Points = 60, Every = 20 },
    };

    private RunResult<PoissonSummary> Run(PoissonExperimentConfig config, string name, bool resume = false) =>
        Cancellable(config, name, TestContext.Current.CancellationToken, null, resume);

    private RunResult<PoissonSummary> Cancellable(PoissonExperimentConfig config, string name, CancellationToken token, Action<RunProgress>? progress, bool resume = false) =>
        PoissonExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, name), BuildReport = false, OnProgress = progress, Resume = resume }, token);

    private static List<string[]> Rows(string runDir, string file) =>
        File.ReadLines(Path.Combine(runDir, file)).Skip(1).Select(l => l.Split(',')).ToList();

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void JacobisRecordedModeErrorsAreExactlyItsAmplificationFactorsToThePower()
    {
        // From u = 0 the error is −u_h, so mode k's relative error after t sweeps is |cos(kπ/n)|^t exactly.
        var r = Run(Config(), "jacobi");
        Assert.Equal(RunStatus.Finished, r.Status);
        var rows = Rows(r.RunDirectory, "modes.csv").Where(c => c[0] == "jacobi").ToList();
        Assert.True(rows.Count > 100);
        foreach (var c in rows)
        {
            long t = long.Parse(c[1], CultureInfo.InvariantCulture);
            int k = int.Parse(c[2], CultureInfo.InvariantCulture);
            double expected = Math.Pow(Math.Abs(Math.Cos(k * Math.PI / 64)), t);
            double actual = D(c[4]);
            // Rounding in the dominant low modes' error limits the accuracy of a small mode's relative error.
            double floor = 1e-8 * Math.Pow(Math.Cos(Math.PI / 64), t);
            Assert.True(Math.Abs(actual - expected) <= 1e-7 * expected + floor, $"t={t} k={k}: {actual} vs {expected}");
            Assert.Equal(k / 4.0, D(c[3]), 12); // k / (2L), L = 2
        }
    }

    [Fact]
    public void TimeToToleranceIsTheExactSweepCountOfAnIndependentJacobi()
    {
        var r = Run(Config(), "tol");
        var jacobi = r.Summary!.Methods.Single(m => m.Method == "jacobi");
        // Independent: plain Jacobi on the same grid, checking ‖u − u_h‖∞ after every sweep.
        int n = 64;
        double h = 2.0 / n;
        var x = Enumerable.Range(1, n - 1).Select(i => -1 + i * h).ToArray();
        var g = x.Select(v => Terms.Sum(t => t.Amplitude * Math.Sin(t.Frequency * v))).ToArray();
        var uh = DenseSolve(n, h, g);
        var u = new double[n + 1];
        var next = new double[n + 1];
        long sweeps = 0;
        while (Enumerable.Range(1, n - 1).Max(i => Math.Abs(u[i] - uh[i - 1])) >= 1e-4)
        {
            for (int i = 1; i < n; i++) next[i] = 0.5 * (h * h * g[i - 1] + u[i - 1] + u[i + 1]);
            (u, next) = (next, u);
            sweeps++;
        }

        Assert.True(jacobi.Reached);
        Assert.Equal(sweeps, jacobi.IterationsToTolerance);
        Assert.Equal(sweeps, jacobi.Iterations);
        Assert.True(jacobi.FinalError < 1e-4);
        var last = Rows(r.RunDirectory, "errors.csv").Last(c => c[0] == "jacobi");
        Assert.Equal(sweeps, long.Parse(last[1], CultureInfo.InvariantCulture));
    }

    private static double[] DenseSolve(int n, double h, double[] g)
    {
        int m = n - 1;
        var a = new double[m, m + 1];
        for (int i = 0; i < m; i++)
        {
            a[i, i] = 2 / (h * h);
            if (i > 0) a[i, i - 1] = -1 / (h * h);
            if (i < m - 1) a[i, i + 1] = -1 / (h * h);
            a[i, m] = g[i];
        }

        for (int c = 0; c < m; c++)
            for (int r = c + 1; r < m; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int j = c; j <= m; j++) a[r, j] -= f * a[c, j];
            }

        var u = new double[m];
        for (int r = m - 1; r >= 0; r--)
        {
            double s = a[r, m];
            for (int j = r + 1; j < m; j++) s -= a[r, j] * u[j];
            u[r] = s / a[r, r];
        }

        return u;
    }

    [Fact]
    public void JacobiConvergesHighModesFirstAndTheNetworkLowModesFirst()
    {
        var r = Run(Config(intervals: 128, steps: 1500) with { Probe = new PoissonProbeConfig { Points = 120, Every = 10 } }, "orders");
        var s = r.Summary!;
        Assert.True(s.Modes.Count >= 3, $"{s.Modes.Count} analysed modes");
        Assert.All(s.Modes, m => Assert.InRange(m.Mode, 1, 64));
        var jacobi = s.Methods.Single(m => m.Method == "jacobi");
        var network = s.Methods.Single(m => m.Method == "network");
        Assert.Equal(-1.0, jacobi.SpectralBiasIndex!.Value, 10);
        Assert.Equal(s.Modes.Select(m => m.Mode).OrderDescending(), jacobi.ConvergenceOrder);
        Assert.True(network.SpectralBiasIndex > 0.5, $"network index {network.SpectralBiasIndex}");
    }

    [Fact]
    public void AHybridReachesTheToleranceInFewerSweepsThanJacobiFromZero()
    {
        // On [0, 2] the solution has every sine mode (on [−1, 1] it is odd and Jacobi from zero never meets the odd modes).
        var config = Config(intervals: 256, steps: 1500, handover: [0, 1500], min: 0);
        var r = Run(config with { Network = config.Network! with { Collocation = new CollocationConfig { Count = 128 } }, Probe = config.Probe with { Every = 100 } }, "hybrid");
        var s = r.Summary!;
        var jacobi = s.Methods.Single(m => m.Method == "jacobi");
        var late = s.Methods.Single(m => m.Method == "hybrid-1500");
        Assert.True(late.Reached);
        Assert.Equal("hybrid", late.Kind);
        Assert.Equal(1500, late.HandoverStep);
        Assert.True(late.IterationsToTolerance < 0.75 * jacobi.IterationsToTolerance, $"{late.IterationsToTolerance} vs {jacobi.IterationsToTolerance}");
        Assert.True(late.SecondsToTolerance >= late.HandoverSeconds);
        var errors = Rows(r.RunDirectory, "errors.csv");
        var first = errors.First(c => c[0] == "hybrid-1500");
        var networkAtHandover = errors.Last(c => c[0] == "network" && c[1] == "1500");
        Assert.Equal(("0", networkAtHandover[2], networkAtHandover[3]), (first[1], first[2], first[3]));
        Assert.Equal(late.HandoverError!.Value, D(networkAtHandover[3]));
        Assert.Equal("jacobi", s.HybridBaseline);
        Assert.NotNull(s.BestHybrid);
        Assert.Equal(jacobi.SecondsToTolerance!.Value / s.Methods.Single(m => m.Method == s.BestHybrid).SecondsToTolerance!.Value, s.BestHybridSpeedup!.Value, 12);
        Assert.DoesNotContain(Rows(r.RunDirectory, "modes.csv"), c => c[0].StartsWith("hybrid", StringComparison.Ordinal));
        var solution = File.ReadLines(Path.Combine(r.RunDirectory, "solution.csv")).ToList();
        Assert.Equal("x,discrete,exact,network", solution[0]);
        Assert.Equal(256, solution.Count);
    }

    [Fact]
    public void AnInterruptedRunResumesAndMatchesAnUninterruptedOne()
    {
        var config = Config(steps: 60, handover: [20, 60], methods: [RelaxationKind.Jacobi, RelaxationKind.GaussSeidel]);
        var whole = Run(config, "whole");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var first = Cancellable(config, "cut", cts.Token, p => { if (p.Phase == "network" && p["iteration"] >= 40) cts.Cancel(); });
        Assert.Equal(RunStatus.Interrupted, first.Status);
        Assert.Equal(2, first.StepsCompleted);
        Assert.False(first.Summary!.Finished);
        var resumed = Run(config, "cut", resume: true);
        Assert.Equal(RunStatus.Finished, resumed.Status);
        Assert.Equal(5, resumed.StepsCompleted);

        static object Key(PoissonMethodSummary m) => (m.Method, m.Reached, m.IterationsToTolerance, m.Iterations, m.FinalError, m.SpectralBiasIndex,
            m.HandoverStep, m.HandoverError, m.ConvergenceOrder is null ? "" : string.Join(' ', m.ConvergenceOrder));
        Assert.Equal(whole.Summary!.Methods.Select(Key), resumed.Summary!.Methods.Select(Key));
        foreach (var file in new[] { "errors.csv", "modes.csv" })
        {
            var a = Rows(whole.RunDirectory, file);
            var b = Rows(resumed.RunDirectory, file);
            Assert.Equal(a.Count, b.Count);
            for (int i = 0; i < a.Count; i++)
                for (int j = 0; j < a[i].Length; j++)
                    if (!(file == "errors.csv" && j == 2)) Assert.Equal(a[i][j], b[i][j]);
        }

        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(resumed.RunDirectory, "manifest.json"))).RootElement;
        Assert.Equal("finished", manifest.GetProperty("status").GetString());
        Assert.Equal(5, manifest.GetProperty("stepsCompleted").GetInt64());
        Assert.Equal(2, manifest.GetProperty("resumedFrom")[0].GetInt64());
    }

    [Fact]
    public void ARunInterruptedInAHybridResumesFromTheSavedNetworkOutputs()
    {
        var config = Config(steps: 40, handover: [10, 40]);
        var whole = Run(config, "whole-h");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var first = Cancellable(config, "cut-h", cts.Token, p => { if (p.Phase == "hybrid-40" && p["iteration"] > 0) cts.Cancel(); });
        Assert.Equal(RunStatus.Interrupted, first.Status);
        Assert.Equal(["jacobi", "network", "hybrid-10"], first.Summary!.Methods.Select(m => m.Method));
        Assert.True(File.Exists(Path.Combine(first.RunDirectory, "checkpoint", "handover-40.bin")));
        var resumed = Run(config, "cut-h", resume: true);
        Assert.Equal(RunStatus.Finished, resumed.Status);
        var a = whole.Summary!.Methods.Single(m => m.Method == "hybrid-40");
        var b = resumed.Summary!.Methods.Single(m => m.Method == "hybrid-40");
        Assert.Equal((a.IterationsToTolerance, a.FinalError, a.HandoverError, a.HandoverStep), (b.IterationsToTolerance, b.FinalError, b.HandoverError, b.HandoverStep));
        // The handover time is the first session's network time at step 40, kept in the checkpoint.
        var networkRow = Rows(resumed.RunDirectory, "errors.csv").Last(c => c[0] == "network" && c[1] == "40");
        Assert.Equal(D(networkRow[2]), b.HandoverSeconds!.Value);
        var network = File.ReadLines(Path.Combine(resumed.RunDirectory, "solution.csv")).Skip(1).Select(l => l.Split(',')[3]).ToList();
        Assert.Equal(File.ReadLines(Path.Combine(whole.RunDirectory, "solution.csv")).Skip(1).Select(l => l.Split(',')[3]), network);
        Assert.All(network, v => Assert.NotEqual("", v));
    }

    [Fact]
    public void TheNetworksLearningRateScheduleIsApplied()
    {
        static string[] Network(RunResult<PoissonSummary> r) =>
            [.. File.ReadLines(Path.Combine(r.RunDirectory, "errors.csv")).Where(l => l.StartsWith("network,", StringComparison.Ordinal)).Select(l => l.Split(',')[3])];
        var config = Config(steps: 30, methods: []);
        var none = Run(config, "none");
        var flat = Run(config with { Network = config.Network! with { Schedule = ScheduleKind.Step, DecaySteps = 1, Gamma = 1 } }, "flat");
        var halved = Run(config with { Network = config.Network! with { Schedule = ScheduleKind.Step, DecaySteps = 10, Gamma = 0.5 } }, "halved");
        Assert.Equal(Network(none), Network(flat));
        // The probe at step 0 precedes every step; from step 11 on the halved rate changes the network.
        var a = Network(none);
        var b = Network(halved);
        Assert.Equal(a[0], b[0]);
        Assert.NotEqual(a[^1], b[^1]);
    }

    [Fact]
    public void ANetworkThatDivergesStopsTheRunBeforeAnyHybridStartsFromIt()
    {
        // g of 1e39 is finite in double but infinite in the network's float32, so its parameters and output become NaN.
        var config = Config(steps: 5, handover: [5]) with
        {
            Problem = new PoissonProblemConfig { Intervals = 64, Source = new PoissonSourceConfig { Kind = PoissonSourceKind.Expression, Expression = "1e39*sin(3*x)" } },
            Classic = new ClassicSolversConfig { Methods = [RelaxationKind.Jacobi], MaxIterations = 1000 },
        };
        var r = Run(config, "diverged");
        Assert.Equal(RunStatus.Diverged, r.Status);
        Assert.Equal(["jacobi", "network"], r.Summary!.Methods.Select(m => m.Method));
        Assert.False(double.IsFinite(r.Summary.Methods[1].FinalError));
        Assert.Null(r.Summary.BestHybrid);
        Assert.StartsWith("training diverged at step 2: the network's error is", RunFolder.ReadManifest(Path.Combine(_dir, "diverged")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFormulaThatIsNotFiniteOnTheGridFailsBeforeTheFolderIsCreated()
    {
        var config = Config() with { Problem = Config().Problem with { Source = new PoissonSourceConfig { Kind = PoissonSourceKind.Expression, Expression = "log(x)" } } };
        var e = Assert.Throws<ConfigException>(() => Run(config, "bad"));
        Assert.Contains("$.problem.source", e.Message);
        Assert.Contains("NaN at the grid node x = -0.96875", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "bad")));
    }

    [Fact]
    public void ExplicitModesWithoutContentAreRejected()
    {
        // The default source's solution is odd about 0, so its odd-index sine modes on [−1, 1] vanish.
        var config = Config() with { Probe = new PoissonProbeConfig { Modes = [2, 3] } };
        var e = Assert.Throws<ConfigException>(() => Run(config, "modes"));
        Assert.Contains("mode 3 has no content", e.Message);
    }

    [Fact]
    public void AnExpressionSourceIsSolvedAgainstTheDiscreteSolution()
    {
        var config = Config(methods: [RelaxationKind.GaussSeidel]) with
        {
            Problem = new PoissonProblemConfig { Intervals = 32, Source = new PoissonSourceConfig { Kind = PoissonSourceKind.Expression, Expression = "exp(-x^2)*sin(5*x) + 1" } },
        };
        var r = Run(config, "expr");
        var s = r.Summary!;
        Assert.Null(s.DiscretisationError);
        Assert.True(s.Methods[0].Reached);
        var lines = File.ReadLines(Path.Combine(r.RunDirectory, "solution.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(lines, c => Assert.Equal(("", ""), (c[2], c[3])));
        // The discrete solution satisfies −Δ_h u = g at every node.
        double h = 2.0 / 32;
        var u = new[] { 0.0 }.Concat(lines.Select(c => D(c[1]))).Append(0).ToArray();
        for (int i = 1; i < 32; i++)
        {
            double x = -1 + i * h;
            Assert.Equal(Math.Exp(-x * x) * Math.Sin(5 * x) + 1, (2 * u[i] - u[i - 1] - u[i + 1]) / (h * h), 9);
        }
    }

    [Fact]
    public void TwoDimensionalRunAnalysesShellsAndJacobiStillGoesHighToLow()
    {
        var config = new PoissonExperimentConfig
        {
            Name = "two-d",
            Problem = new PoissonProblemConfig
            {
                Dimension = 2, Domain = new(0, 1), Intervals = 32,
                Source = new PoissonSourceConfig { Kind = PoissonSourceKind.Modes, Modes = [new ModeTerm(20, 1, 1), new ModeTerm(50, 4, 3), new ModeTerm(100, 8, 6)] },
            },
            Tolerance = 1e-4,
            Classic = new ClassicSolversConfig { Methods = [RelaxationKind.Jacobi], MaxIterations = 100_000 },
            Probe = new PoissonProbeConfig { Points = 40 },
        };
        var r = Run(config, "2d");
        var s = r.Summary!;
        Assert.Equal([1, 5, 10], s.Modes.Select(m => m.Mode));
        Assert.Equal(31 * 31, s.Unknowns);
        Assert.True(s.DiscretisationError < 1e-2);
        var jacobi = s.Methods.Single();
        Assert.Equal(-1.0, jacobi.SpectralBiasIndex!.Value, 10);
        // Shell 5 holds only mode (4, 3): its relative error is |(cos(4π/32) + cos(3π/32)) / 2|^t.
        foreach (var c in Rows(r.RunDirectory, "modes.csv").Where(c => c[2] == "5"))
        {
            long t = long.Parse(c[1], CultureInfo.InvariantCulture);
            double expected = Math.Pow((Math.Cos(4 * Math.PI / 32) + Math.Cos(3 * Math.PI / 32)) / 2, t);
            Assert.True(Math.Abs(D(c[4]) - expected) <= 1e-7 * expected + 1e-12, $"t={t}: {c[4]} vs {expected}");
        }
    }

    public static TheoryData<string> PoissonFiles() =>
        new(Directory.GetFiles(RepoPaths.Experiments, "*.json")
            .Where(f => !SweepSpec.IsSweepFile(f) && ConfigLoader.LoadAnyFile(f) is PoissonExperimentConfig).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(PoissonFiles))]
    public void EveryPoissonExperimentFileRunsInSmokeMode(string file)
    {
        var config = PoissonExperiment.Smoke((PoissonExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, file)));
        var result = PoissonExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, "smoke"), Smoke = true }, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Finished, result.Status);
        Assert.Equal(PoissonExperiment.Plan(config), result.Summary!.Methods.Select(m => m.Method));
        Assert.All(result.Summary.Methods.Where(m => m.Kind == "classic"), m => Assert.True(m.SpectralBiasIndex < 0, $"{m.Method}: {m.SpectralBiasIndex}"));
        Assert.True(File.Exists(Path.Combine(result.RunDirectory, "report.html")));
    }
}
