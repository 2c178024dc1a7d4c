using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;

namespace FreqScope.Tests.Experiments;

/// <summary>End-to-end runs of the config options that the shipped experiments leave at their defaults.</summary>
[Collection(TorchCollection.Name)]
public sealed class FitExperimentOptionsTests
{
    public FitExperimentOptionsTests() => NativeLoader.EnsureLoaded();

    private static FitExperimentConfig Small(long steps) => FitExperiment.LoadDefault() with
    {
        Model = FitExperiment.LoadDefault().Model with { Hidden = [32, 32] },
        Training = FitExperiment.LoadDefault().Training with { Steps = steps, LearningRate = 2e-3, CheckpointEvery = 20 },
        Probe = FitExperiment.LoadDefault().Probe with { Every = 10 },
    };

    private static double[][] Csv(string path) => File.ReadLines(path).Skip(1)
        .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    private static T InTemp<T>(Func<string, T> body)
    {
        var dir = RepoPaths.NewTempDirectory();
        try { return body(dir); }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void CsvTargetWithARelativePathRunsAndResumesFromAnotherDirectory()
    {
        InTemp(dir =>
        {
            var configDir = Path.Combine(dir, "cfg");
            Directory.CreateDirectory(configDir);
            var lines = new List<string> { "x,y" };
            for (int i = 0; i <= 400; i++)
            {
                double x = -Math.PI + 2 * Math.PI * i / 400;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x:R},{Math.Sin(2 * x):R}"));
            }
            File.WriteAllLines(Path.Combine(configDir, "samples.csv"), lines);
            var config = Small(60) with { Target = new TargetConfig { Kind = TargetKind.Csv, CsvPath = "samples.csv" } };
            var run = Path.Combine(dir, "run");
            using var cts = new CancellationTokenSource();
            var first = FitExperiment.Run(config, new RunOptions
            {
                RunDirectory = run,
                ConfigDirectory = configDir,
                BuildReport = false,
                OnProgress = p => { if (p.Step == 30) cts.Cancel(); },
            }, cts.Token);
            Assert.Equal(RunStatus.Interrupted, first.Status);
            var stored = FitExperiment.LoadFile(Path.Combine(run, "config.json"));
            Assert.Equal(Path.Combine(configDir, "samples.csv"), stored.Target.CsvPath);

            var resumed = FitExperiment.Run(stored, new RunOptions { RunDirectory = run, Resume = true, BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, resumed.Status);
            // The target's spectrum on 101 points of [−π, π] peaks at k = 2 (sin 2x), read from the CSV by interpolation.
            Assert.Equal([2], resumed.Summary!.Peaks.Select(p => p.Index));
            var outputs = Csv(Path.Combine(run, "outputs.csv"));
            Assert.All(outputs, r => Assert.Equal(Math.Sin(2 * r[1]), r[2], 2e-3));
            return 0;
        });
    }

    [Fact]
    public void RandomTrainingPointsAreScoredOnTheSeparateUniformEvaluationGrid()
    {
        InTemp(dir =>
        {
            var baseConfig = Small(40);
            var config = baseConfig with
            {
                Data = baseConfig.Data with
                {
                    Train = new TrainGridConfig { Sampling = Sampling.Random, Count = 64 },
                    Eval = new EvalGridConfig { Count = 256, IncludeEndpoint = false },
                },
            };
            var r = FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "run"), BuildReport = false }, TestContext.Current.CancellationToken);
            var metrics = Csv(Path.Combine(r.RunDirectory, "metrics.csv"));
            Assert.All(metrics, m => Assert.NotEqual(m[1], m[2]));
            var spectra = Csv(Path.Combine(r.RunDirectory, "spectra.csv"));
            Assert.Equal(129, spectra.Count(s => s[0] == 0)); // one-sided k = 0..128 of 256 points
            Assert.Equal(3 / (256 * (2 * Math.PI / 256)), spectra.First(s => s[1] == 3)[2], 1e-12);
            var outputs = Csv(Path.Combine(r.RunDirectory, "outputs.csv"));
            Assert.Equal(256, outputs.Count(o => o[0] == 0));
            return 0;
        });
    }

    [Fact]
    public void StopAtLossEndsTheRunEarlyAndFinished()
    {
        InTemp(dir =>
        {
            var baseConfig = Small(2000);
            var config = baseConfig with { Training = baseConfig.Training with { StopAtLoss = 0.5 } };
            var r = FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "run"), BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, r.Status);
            Assert.True(r.StepsCompleted < 2000, $"ran {r.StepsCompleted} steps");
            var metrics = Csv(Path.Combine(r.RunDirectory, "metrics.csv"));
            Assert.Equal(r.StepsCompleted, (long)metrics[^1][0]);
            Assert.True(metrics[^1][1] < 0.5);
            Assert.All(metrics[..^1], m => Assert.True(m[1] >= 0.5));
            Assert.Equal(r.StepsCompleted, RunFolder.ReadManifest(r.RunDirectory).StepsCompleted);
            return 0;
        });
    }

    [Fact]
    public void KeepLimitsTheSpectraRowsButThePeaksAreAlwaysRecorded()
    {
        InTemp(dir =>
        {
            var baseConfig = Small(20);
            var config = baseConfig with { Probe = baseConfig.Probe with { Keep = 3 } };
            var r = FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "run"), BuildReport = false }, TestContext.Current.CancellationToken);
            var spectra = Csv(Path.Combine(r.RunDirectory, "spectra.csv"));
            Assert.Equal([0.0, 1, 2, 3, 5], spectra.Where(s => s[0] == 0).Select(s => s[1]));
            Assert.Equal([1, 3, 5], r.Summary!.Peaks.Select(p => p.Index));
            return 0;
        });
    }

    [Fact]
    public void H1TermTrainsAndLowersTheDerivativeMismatch()
    {
        InTemp(dir =>
        {
            var baseConfig = Small(150);
            var plain = FitExperiment.Run(baseConfig, new RunOptions { RunDirectory = Path.Combine(dir, "plain"), BuildReport = false }, TestContext.Current.CancellationToken);
            var h1 = FitExperiment.Run(baseConfig with { Training = baseConfig.Training with { H1Weight = 1.0 } },
                new RunOptions { RunDirectory = Path.Combine(dir, "h1"), BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, h1.Status);
            // Derivative mismatch of the final output (finite differences on the evaluation grid) vs the target's.
            double Mismatch(string run)
            {
                var o = Csv(Path.Combine(run, "outputs.csv")).Where(r => r[0] == 150).ToArray();
                double sum = 0;
                for (int i = 1; i < o.Length - 1; i++)
                {
                    double h = o[i + 1][1] - o[i - 1][1];
                    double d = (o[i + 1][3] - o[i - 1][3]) / h - (o[i + 1][2] - o[i - 1][2]) / h;
                    sum += d * d;
                }
                return sum / (o.Length - 2);
            }
            Assert.True(Mismatch(h1.RunDirectory) < Mismatch(plain.RunDirectory),
                $"H1 {Mismatch(h1.RunDirectory)} vs plain {Mismatch(plain.RunDirectory)}");
            return 0;
        });
    }

    [Theory]
    [InlineData(10_000, 100, 1_000)]
    [InlineData(10_000, 100, 20_000)]
    [InlineData(50_000, 7, 100_000)]
    [InlineData(3_000, 1, 200_000)]
    [InlineData(100, 50, 1_000)]
    public void ManySnapshotsGiveTheStepsOfOneIterationPerSnapshot(long total, int every, int count)
    {
        // The definition, one iteration per snapshot, against the per-probe shortcut taken for large counts.
        var probes = new List<long>();
        for (long s = 0; s < total; s += every) probes.Add(s);
        probes.Add(total);
        int last = probes.Count - 1;
        var expected = new HashSet<long> { probes[0], probes[last] };
        for (int i = 1; i < count - 1; i++)
            expected.Add(probes[(int)Math.Clamp(Math.Round(Math.Pow(last, (double)(i - 1) / (count - 2))), 1, last)]);
        Assert.Equal(expected.Order(), FitExperiment.SnapshotSteps(total, every, count).Order());
    }

    [Fact]
    public void ABillionSnapshotsAreEveryProbeAtOnce()
    {
        var steps = FitExperiment.SnapshotSteps(10_000, 100, 2_000_000_000);
        Assert.Equal(101, steps.Count);
    }
}
