using System.Globalization;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Data;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Theory;
using FreqScope.Experiments.Ntk;
using FreqScope.Sweeps;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class NtkExperimentTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-ntk");

    public NtkExperimentTests() => NativeLoader.EnsureLoaded();

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly InitConfig Kaiming = new() { Distribution = InitDistribution.KaimingNormal };

    /// <summary>A ReLU network with one hidden layer; with Kaiming-normal init λ₀ ≈ width·n, so η = 1/width gives ηλ₀/n ≈ 1.</summary>
    private static NtkExperimentConfig Config(int width, double learningRate, long steps, int n = 16, int test = 0, int eigenvectors = 4, int every = 5) => new()
    {
        Name = "t",
        Seed = 1,
        Target = new TargetConfig { Kind = TargetKind.Sinusoids, FrequencyUnit = FrequencyUnit.Cycles, Terms = [new SinusoidTerm(1, 0.5, 0), new SinusoidTerm(0.5, 1.5, 0.3)] },
        Data = new NtkDataConfig { Domain = new(-1, 1), TrainCount = n, TestCount = test },
        Model = new ModelConfig { Hidden = [width], Activation = Activation.Relu, WeightInit = Kaiming, BiasInit = Kaiming },
        Training = new NtkTrainingConfig { LearningRate = learningRate, Steps = steps },
        Probe = new NtkProbeConfig { Every = every, Eigenvectors = eigenvectors, Snapshots = 4 },
    };

    private RunResult<NtkSummary> Run(NtkExperimentConfig config, string name, CancellationToken? token = null, Action<RunProgress>? progress = null, bool resume = false, bool report = false) =>
        NtkExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, name), BuildReport = report, OnProgress = progress, Resume = resume },
            token ?? TestContext.Current.CancellationToken);

    private static List<string[]> Rows(string runDir, string file) =>
        [.. File.ReadLines(Path.Combine(runDir, file)).Skip(1).Select(l => l.Split(','))];

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void TheRecordedLinearPredictionIsGradientDescentOnTheLinearisedModelIteratedStepByStep()
    {
        const int n = 12;
        const double eta = 2e-3;
        const int steps = 40;
        var config = Config(width: 256, learningRate: eta, steps: steps, n: n, eigenvectors: n, every: 4);
        var r = Run(config, "exact");
        Assert.Equal(RunStatus.Finished, r.Status);

        // Independently: the same network (same seed and init), its NTK and f₀, then f ← f − (η/n) Θ (f − y) in plain C#.
        var x = Grid.Uniform(-1, 1, n, includeEndpoint: false);
        var target = TargetFactory.Create(config.Target, null);
        var y = x.Select(target.Evaluate).ToArray();
        manual_seed(config.Seed);
        using var model = new Mlp(1, config.Model.Hidden, 1, config.Model.Activation);
        Initializer.Apply(model, config.Model.WeightInit, config.Model.BiasInit);
        model.to(float64);
        using var xt = tensor(x, float64).view(-1, 1);
        var theta = EmpiricalNtk.Compute(model, xt);
        double[] f;
        using (no_grad())
        using (NewDisposeScope())
        {
            f = model.forward(xt).view(-1).data<double>().ToArray();
        }

        var expected = new Dictionary<long, double[]> { [0] = (double[])f.Clone() };
        for (int t = 1; t <= steps; t++)
        {
            var next = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++) sum += theta[i, j] * (f[j] - y[j]);
                next[i] = f[i] - (eta / n * sum);
            }

            f = next;
            expected[t] = (double[])f.Clone();
        }

        var outputs = Rows(r.RunDirectory, "outputs.csv").Where(c => c[1] == "train").ToList();
        Assert.Equal(4 * n, outputs.Count); // 4 snapshots
        foreach (var c in outputs)
        {
            long step = long.Parse(c[0], CultureInfo.InvariantCulture);
            int i = Array.IndexOf(x, D(c[2]));
            Assert.True(i >= 0, $"x = {c[2]} is not a training point");
            Assert.Equal(y[i], D(c[3]), 12);
            Assert.True(Math.Abs(D(c[5]) - expected[step][i]) <= 1e-9 * (1 + Math.Abs(expected[step][i])), $"step {step}, i {i}: {c[5]} vs {expected[step][i]}");
        }

        foreach (var c in Rows(r.RunDirectory, "trajectory.csv"))
        {
            var fl = expected[long.Parse(c[0], CultureInfo.InvariantCulture)];
            double loss = fl.Zip(y, (a, b) => (a - b) * (a - b)).Sum() / (2 * n);
            Assert.True(Math.Abs(D(c[2]) - loss) <= 1e-9 * loss, $"step {c[0]}: loss_linear {c[2]} vs {loss}");
            Assert.Equal(string.Empty, c[4]);
        }
    }

    [Fact]
    public void ProjectionsOnAllEigenvectorsReconstructTheResidualNormAndEigenvaluesAreSortedAndNonNegative()
    {
        const int n = 10;
        var r = Run(Config(width: 128, learningRate: 4e-3, steps: 30, n: n, eigenvectors: n), "parseval");
        var eigen = Rows(r.RunDirectory, "eigen.csv");
        Assert.Equal(n, eigen.Count);
        var values = eigen.Select(c => D(c[1])).ToArray();
        Assert.All(values.Zip(values.Skip(1)), p => Assert.True(p.First >= p.Second, $"{p.First} < {p.Second}"));
        Assert.All(values, v => Assert.True(v >= -1e-9 * values[0], $"eigenvalue {v}"));
        Assert.Equal(values[0], r.Summary!.LargestEigenvalue);

        var losses = Rows(r.RunDirectory, "trajectory.csv").ToDictionary(c => c[0], c => (Real: D(c[1]), Linear: D(c[2])));
        var projections = Rows(r.RunDirectory, "projections.csv").GroupBy(c => c[0]).ToList();
        Assert.Equal(losses.Count, projections.Count);
        foreach (var probe in projections)
        {
            Assert.Equal(Enumerable.Range(0, n), probe.Select(c => int.Parse(c[1], CultureInfo.InvariantCulture)));
            double real = probe.Sum(c => D(c[3]) * D(c[3]));
            double linear = probe.Sum(c => D(c[4]) * D(c[4]));
            // Parseval on an orthonormal basis: Σ_k c_k² = ‖f − y‖² = 2n·L.
            Assert.Equal(2 * n * losses[probe.Key].Real, real, 1e-9 * real);
            Assert.Equal(2 * n * losses[probe.Key].Linear, linear, 1e-9 * linear);
        }
    }

    [Fact]
    public void AWideNetworkFollowsItsLinearisationAndANarrowOneWithALargeStepDoesNot()
    {
        // Measured (seed 1, n = 16, 200 steps): width 4096 with ηλ₀/n = 1.06: largest discrepancy 1.6e-7 (test 1.1e-7),
        // kernel drift 1.8e-6; width 8 with η = 0.1 (ηλ₀/n = 0.47): largest discrepancy 0.10 (test 0.087), drift 0.092.
        var wide = Run(Config(width: 4096, learningRate: 1.0 / 4096, steps: 200, test: 32), "wide").Summary!;
        var narrow = Run(Config(width: 8, learningRate: 0.1, steps: 200, test: 32), "narrow").Summary!;
        Assert.True(wide.StabilityFactor is > 0.3 and < 1.9, $"wide ηλ₀/n = {wide.StabilityFactor}");
        Assert.True(wide.MaxDiscrepancy < 1e-5, $"wide: {wide.MaxDiscrepancy}");
        Assert.True(wide.FinalTestDiscrepancy < 1e-5, $"wide test: {wide.FinalTestDiscrepancy}");
        Assert.True(wide.KernelDrift < 1e-4, $"wide drift: {wide.KernelDrift}");
        Assert.True(wide.FinalLossReal < 0.5 * wide.InitialLoss, $"wide did not learn: {wide.InitialLoss} → {wide.FinalLossReal}");
        Assert.True(narrow.MaxDiscrepancy > 0.05, $"narrow: {narrow.MaxDiscrepancy}");
        Assert.True(narrow.KernelDrift > 0.05, $"narrow drift: {narrow.KernelDrift}");
        Assert.True(narrow.MaxDiscrepancy > 1000 * wide.MaxDiscrepancy);
    }

    [Fact]
    public void LargeEigenvaluesBelongToLowFrequencies()
    {
        var r = Run(Config(width: 1024, learningRate: 1e-3, steps: 5, n: 64), "spectrum");
        Assert.True(r.Summary!.EigenFrequencySpearman > 0.8, $"ρ = {r.Summary.EigenFrequencySpearman}");
        var eigen = Rows(r.RunDirectory, "eigen.csv");
        Assert.Equal("0", eigen[0][2]); // the top eigenvector of a ReLU NTK is nearly constant
        Assert.All(eigen, c => Assert.Equal(int.Parse(c[2], CultureInfo.InvariantCulture) / 2.0, D(c[3]), 12)); // n·Δx = 2
    }

    [Fact]
    public void TwoRunsWithTheSameSeedWriteTheSameFiles()
    {
        var config = Config(width: 64, learningRate: 0.01, steps: 20, test: 8);
        var a = Run(config, "a");
        var b = Run(config, "b");
        foreach (var file in NtkExperiment.DataFiles)
            Assert.Equal(File.ReadAllText(Path.Combine(a.RunDirectory, file)), File.ReadAllText(Path.Combine(b.RunDirectory, file)));
        var c = Run(config with { Seed = 2 }, "c");
        Assert.NotEqual(File.ReadAllText(Path.Combine(a.RunDirectory, "trajectory.csv")), File.ReadAllText(Path.Combine(c.RunDirectory, "trajectory.csv")));
    }

    [Fact]
    public void CancellingLeavesAnInterruptedRunAndResumeRunsItAgainToTheSameResult()
    {
        var config = Config(width: 64, learningRate: 0.01, steps: 60, test: 8);
        var reference = Run(config, "reference");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var cut = Run(config, "cut", cts.Token, p => { if (p.Step >= 20) cts.Cancel(); }, report: true);
        Assert.Equal(RunStatus.Interrupted, cut.Status);
        Assert.Equal(20, cut.StepsCompleted);
        Assert.Equal("20", Rows(cut.RunDirectory, "trajectory.csv")[^1][0]);
        var manifest = RunFolder.ReadManifest(cut.RunDirectory);
        Assert.Equal((RunStatus.Interrupted, false, 20L, 60L), (manifest.Status, manifest.Finished, manifest.StepsCompleted, manifest.StepsPlanned));
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(cut.RunDirectory, "summary.json"))))
        {
            Assert.False(summary.RootElement.GetProperty("finished").GetBoolean());
            Assert.Equal(JsonValueKind.Null, summary.RootElement.GetProperty("kernelDrift").ValueKind);
        }

        Assert.Contains("UNFINISHED RUN", File.ReadAllText(Path.Combine(cut.RunDirectory, "report.html")));

        var resumed = Run(config with { Seed = 99 }, "cut", resume: true); // --resume uses the folder's own config.json
        Assert.Equal(RunStatus.Finished, resumed.Status);
        Assert.Equal(60, resumed.StepsCompleted);
        foreach (var file in NtkExperiment.DataFiles)
            Assert.Equal(File.ReadAllText(Path.Combine(reference.RunDirectory, file)), File.ReadAllText(Path.Combine(resumed.RunDirectory, file)));
        var after = RunFolder.ReadManifest(resumed.RunDirectory);
        Assert.Equal([20L], after.ResumedFrom);
        Assert.Equal(manifest.StartedAt, after.StartedAt);
        Assert.NotNull(resumed.Summary!.KernelDrift);

        var again = Assert.Throws<InvalidOperationException>(() => Run(config, "cut", resume: true));
        Assert.Contains("already finished", again.Message);
        var occupied = Assert.Throws<InvalidOperationException>(() => Run(config, "cut"));
        Assert.Contains("not empty", occupied.Message);
    }

    [Fact]
    public void AFailureMarksTheRunFailedWithoutASummary()
    {
        // An NTK batch size of 1 is refused by EmpiricalNtk after the run folder exists.
        var config = Config(width: 16, learningRate: 0.01, steps: 5) with { Probe = new NtkProbeConfig { NtkBatchSize = 1 } };
        Assert.ThrowsAny<ArgumentException>(() => Run(config, "failed"));
        var dir = Path.Combine(_dir, "failed");
        var manifest = RunFolder.ReadManifest(dir);
        Assert.Equal(RunStatus.Failed, manifest.Status);
        Assert.False(manifest.Finished);
        Assert.NotNull(manifest.Error);
        Assert.False(File.Exists(Path.Combine(dir, "summary.json")));
    }

    public static TheoryData<string> NtkFiles() =>
        new(Directory.GetFiles(RepoPaths.Experiments, "*.json")
            .Where(f => !SweepSpec.IsSweepFile(f) && ConfigLoader.LoadAnyFile(f) is NtkExperimentConfig).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(NtkFiles))]
    public void EveryNtkExperimentFileRunsInSmokeMode(string file)
    {
        var config = NtkExperiment.Smoke((NtkExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, file)));
        var result = NtkExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, "smoke"), Smoke = true }, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Finished, result.Status);
        Assert.True(RunFolder.ReadManifest(result.RunDirectory).Smoke);
        Assert.True(result.Summary!.MaxDiscrepancy < 0.05, $"{file}: {result.Summary.MaxDiscrepancy}");
        Assert.True(File.Exists(Path.Combine(result.RunDirectory, "report.html")));
    }
}
