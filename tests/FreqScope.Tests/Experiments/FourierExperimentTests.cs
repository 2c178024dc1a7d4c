using System.Globalization;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Spectral;
using FreqScope.Tests.Support;
using FreqScope.Experiments.FourierFeatures;
using FreqScope.Sweeps;
using static TorchSharp.torch;

namespace FreqScope.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class FourierExperimentTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-fourier");

    public FourierExperimentTests() => NativeLoader.EnsureLoaded();

    public void Dispose() => Directory.Delete(_dir, true);

    private static FourierExperimentConfig Config(FrequencyDensityConfig? density = null, bool train = false, double sigmaA = 0.001, int width = 300,
        long steps = 600, double learningRate = 0.5) => new()
    {
        Name = "t",
        Seed = 3,
        Target = new TargetConfig { Kind = TargetKind.Sinusoids, FrequencyUnit = FrequencyUnit.Cycles, Terms = [new SinusoidTerm(1, 0.3, 0), new SinusoidTerm(1, 0.6, 0)] },
        Data = new FourierDataConfig { Domain = new(-10, 10), Points = 200, Envelope = 3 },
        Network = new FourierNetworkConfig
        {
            Width = width,
            Density = density ?? new FrequencyDensityConfig { Kind = FrequencyDensityKind.Gaussian, Scale = 2 },
            SigmaA = sigmaA,
            TrainFrequencies = train,
        },
        Training = new FourierTrainingConfig { LearningRate = learningRate, Steps = steps, CheckpointEvery = 200 },
        Probe = new FourierProbeConfig { Every = 10, MaxFrequency = 1.5, Nodes = 301 },
        Pde = new FrequencyPdeConfig(),
    };

    private RunResult<FourierSummary> Run(FourierExperimentConfig config, string name, bool resume = false, bool report = false, CancellationToken? token = null,
        Action<RunProgress>? progress = null) =>
        FourierExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, name), BuildReport = report, Resume = resume, OnProgress = progress },
            token ?? TestContext.Current.CancellationToken);

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void TheRecordedSpectrumIsTheNonUniformDftOfTheInitialResidual()
    {
        var config = Config(sigmaA: 0.3) with { Training = Config().Training with { Steps = 10 } };
        var r = Run(config, "dft");
        var x = config.Data.Coordinates();
        var y = x.Select(v => (Math.Sin(2 * Math.PI * 0.3 * v) + Math.Sin(2 * Math.PI * 0.6 * v)) * Math.Exp(-v * v / 18)).ToArray();
        using var net = new FourierFeatureNet(1, 300, FrequencyDensity.Gaussian(2), 0.3, 3, trainFrequencies: false, stratified: true);
        double[] f0;
        using (no_grad())
        using (var xt = tensor(x.Select(v => (float)v).ToArray()).reshape(x.Length, 1))
        using (var out0 = net.forward(xt))
            f0 = out0.reshape(-1).to(float64).data<double>().ToArray();
        var xi = Enumerable.Range(0, 151).Select(i => i * 0.01).ToArray();
        var expected = NonUniformDft.Forward(x, f0.Select((v, i) => v - y[i]).ToArray(), 1, xi);
        var rows = File.ReadLines(Path.Combine(r.RunDirectory, "spectra.csv")).Skip(1).Select(l => l.Split(',')).Where(c => c[0] == "0").ToList();
        Assert.Equal(151, rows.Count);
        for (int i = 0; i < xi.Length; i++)
        {
            Assert.Equal(xi[i], Parse(rows[i][1]), 12);
            Assert.True(Math.Abs(Parse(rows[i][2]) - expected[i].Real) < 1e-9 && Math.Abs(Parse(rows[i][3]) - expected[i].Imaginary) < 1e-9, $"ξ = {xi[i]}");
        }

        var fit = File.ReadLines(Path.Combine(r.RunDirectory, "fit.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(200, fit.Count);
        for (int i = 0; i < 200; i += 17) Assert.Equal(f0[i], Parse(fit[i][2]), 12);
    }

    [Fact]
    public void AFixedFrequencyNetworkFollowsThePdeAndLearnsLowFrequenciesFirst()
    {
        var r = Run(Config(), "gauss");
        var s = r.Summary!;
        Assert.Equal(RunStatus.Finished, r.Status);
        Assert.Equal([0.3, 0.6], s.Peaks.Select(p => p.Xi));
        Assert.True(s.Pde!.Discrepancy < 0.02, $"discrepancy {s.Pde.Discrepancy}");
        Assert.Null(s.Pde.DiscrepancyWithoutDiffusion);
        Assert.Equal(1.0, s.SpectralBiasIndex);
        Assert.Equal(1.0, s.PdeSpectralBiasIndex);
        // Both converge where the rate C·ρ(ξ) says: ln(1/ε) / (C ρ(ξ)), to within a few probes.
        foreach (var p in s.Peaks)
        {
            double predicted = Math.Log(1 / s.Epsilon) / p.TheoryRate;
            Assert.InRange((double)p.NetworkConvergedAtStep!.Value, predicted - 30, predicted + 30);
            Assert.InRange(p.PdeConvergedAtStep!.Value - p.NetworkConvergedAtStep.Value, -10, 10);
        }

        Assert.True(s.FinalLoss < 0.05 * s.InitialLoss, $"loss {s.InitialLoss} → {s.FinalLoss}");
    }

    [Fact]
    public void AUniformDensityRemovesTheBiasAndAnIncreasingOneReversesIt()
    {
        var uniform = Run(Config(new FrequencyDensityConfig { Kind = FrequencyDensityKind.Uniform, FrequencyUnit = FrequencyUnit.Cycles, Cutoff = 1 }), "uniform").Summary!;
        Assert.Equal(0.0, uniform.SpectralBiasIndex);
        Assert.Equal(uniform.Peaks[0].NetworkConvergedAtStep, uniform.Peaks[1].NetworkConvergedAtStep);
        Assert.Equal(uniform.Peaks[0].TheoryRate, uniform.Peaks[1].TheoryRate, 12);

        var increasing = Run(Config(new FrequencyDensityConfig { Kind = FrequencyDensityKind.Increasing, FrequencyUnit = FrequencyUnit.Cycles, Cutoff = 1, Power = 2 }, steps: 900), "increasing").Summary!;
        Assert.Equal(-1.0, increasing.SpectralBiasIndex);
        Assert.True(increasing.Pde!.Discrepancy < 0.02, $"discrepancy {increasing.Pde.Discrepancy}");
    }

    [Fact]
    public void WithTrainedFrequenciesTheDiffusionTermIsNeeded()
    {
        var s = Run(Config(train: true, sigmaA: 0.5, width: 1000, steps: 400, learningRate: 0.2), "diffusion").Summary!;
        Assert.True(s.Diffusion > 0);
        Assert.True(s.Pde!.Discrepancy < 0.15, $"with diffusion {s.Pde.Discrepancy}");
        Assert.True(s.Pde.DiscrepancyWithoutDiffusion > 3 * s.Pde.Discrepancy, $"without {s.Pde.DiscrepancyWithoutDiffusion}, with {s.Pde.Discrepancy}");
    }

    [Fact]
    public void AnInterruptedRunResumesToTheSameNumbers()
    {
        var config = Config(steps: 400);
        var whole = Run(config, "whole");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var cut = Run(config, "cut", token: cts.Token, progress: p => { if (p.Step >= 250) cts.Cancel(); });
        Assert.Equal(RunStatus.Interrupted, cut.Status);
        Assert.False(File.Exists(Path.Combine(cut.RunDirectory, "summary.json")));
        Assert.Equal("interrupted", JsonDocument.Parse(File.ReadAllText(Path.Combine(cut.RunDirectory, "manifest.json"))).RootElement.GetProperty("status").GetString());
        var resumed = Run(config, "cut", resume: true);
        Assert.Equal(RunStatus.Finished, resumed.Status);
        Assert.Equal(File.ReadAllLines(Path.Combine(whole.RunDirectory, "spectra.csv")), File.ReadAllLines(Path.Combine(resumed.RunDirectory, "spectra.csv")));
        Assert.Equal(File.ReadAllLines(Path.Combine(whole.RunDirectory, "pde.csv")), File.ReadAllLines(Path.Combine(resumed.RunDirectory, "pde.csv")));
        Assert.Equal(whole.Summary!.Pde!.Discrepancy, resumed.Summary!.Pde!.Discrepancy);
        Assert.Equal(whole.Summary.Peaks, resumed.Summary.Peaks);
    }

    [Fact]
    public void ADivergingRunFailsAndLeavesNoSummary()
    {
        var config = Config(learningRate: 1e5, steps: 50);
        var e = Assert.Throws<InvalidOperationException>(() => Run(config, "diverge"));
        Assert.Contains("lower training.learningRate", e.Message);
        var dir = Path.Combine(_dir, "diverge");
        Assert.False(File.Exists(Path.Combine(dir, "summary.json")));
        Assert.Equal("failed", JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void TheReportIsRebuiltFromTheRunFolder()
    {
        var r = Run(Config(steps: 200), "report", report: true);
        var html = File.ReadAllText(Path.Combine(r.RunDirectory, "report.html"));
        Assert.Contains(r.Summary!.Verdict, html);
        Assert.Contains("PDE vs network: relative L2 discrepancy " + FourierReport.Percent(r.Summary.Pde!.Discrepancy), html);
        foreach (var figure in new[] { "peak-errors", "spectrum-heatmaps", "spectra", "loss", "fit" })
            Assert.True(File.Exists(Path.Combine(r.RunDirectory, "plots", figure + ".png")), figure);
        var data = FourierRunFolderReader.Read(r.RunDirectory);
        Assert.Equal(21, data.Steps.Length);
        Assert.Equal(151, data.Frequencies.Length);

        // Without summary.json, pde.csv and peaks.csv (a run stopped early) the report says so and still draws the spectra.
        foreach (var file in new[] { "summary.json", "pde.csv", "peaks.csv", "fit.csv" }) File.Delete(Path.Combine(r.RunDirectory, file));
        var manifestPath = Path.Combine(r.RunDirectory, "manifest.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"finished\"", "\"interrupted\"", StringComparison.Ordinal));
        var rebuilt = RunReport.Build(r.RunDirectory);
        Assert.False(rebuilt.Finished);
        Assert.Equal(["spectrum-heatmaps", "spectra", "loss"], rebuilt.Plots.Select(p => p.Name));
        Assert.Contains("UNFINISHED RUN", File.ReadAllText(rebuilt.ReportPath));
    }

    [CudaFact]
    public void ACudaRunAgreesWithTheCpuRun()
    {
        // Same parameters (drawn on the CPU before the move); float32 on both, so the spectra agree to rounding and
        // the summaries' convergence steps are the same.
        var config = Config(steps: 300);
        var cpu = Run(config, "cpu").Summary!;
        var gpu = Run(config with { Device = "cuda" }, "cuda").Summary!;
        Assert.Equal(cpu.Peaks.Select(p => p.NetworkConvergedAtStep), gpu.Peaks.Select(p => p.NetworkConvergedAtStep));
        Assert.Equal(cpu.Pde!.Discrepancy, gpu.Pde!.Discrepancy, 3);
        Assert.Equal(cpu.FinalLoss, gpu.FinalLoss, 6);
    }

    public static TheoryData<string> FourierFiles() =>
        new(Directory.GetFiles(RepoPaths.Experiments, "*.json")
            .Where(f => !SweepSpec.IsSweepFile(f) && ConfigLoader.LoadAnyFile(f) is FourierExperimentConfig).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(FourierFiles))]
    public void EveryFourierExperimentFileRunsInSmokeMode(string file)
    {
        var config = FourierExperiment.Smoke((FourierExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, file)));
        var result = FourierExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, "smoke"), Smoke = true }, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Finished, result.Status);
        Assert.Equal(config.Training.Steps, result.StepsCompleted);
        Assert.NotEmpty(result.Summary!.Peaks);
        Assert.True(result.Summary.FinalLoss < result.Summary.InitialLoss);
        Assert.True(File.Exists(Path.Combine(result.RunDirectory, "report.html")));
    }
}
