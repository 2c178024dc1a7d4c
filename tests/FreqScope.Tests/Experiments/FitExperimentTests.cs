using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Fit1d;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class FitExperimentTests
{
    public FitExperimentTests() => NativeLoader.EnsureLoaded();

    /// <summary>A small, fast version of the default experiment.</summary>
    private static FitExperimentConfig Small(long steps = 300, int checkpointEvery = 50) => FitExperiment.LoadDefault() with
    {
        Model = FitExperiment.LoadDefault().Model with { Hidden = [32, 32] },
        Training = FitExperiment.LoadDefault().Training with { Steps = steps, CheckpointEvery = checkpointEvery, LearningRate = 2e-3 },
        Probe = FitExperiment.LoadDefault().Probe with { Every = 10 },
    };

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public void DefaultExperimentLearnsPeaksOneThreeFiveInThatOrder()
    {
        // The acceptance run: the embedded default, unchanged, on the CPU.
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = FitExperiment.LoadDefault();
            var result = FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "run"), BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);
            var s = result.Summary!;
            Assert.Equal([1, 3, 5], s.Peaks.Select(p => p.Index));
            Assert.All(s.Peaks, p => Assert.NotNull(p.ConvergedAtStep));
            Assert.True(s.Peaks[0].ConvergedAtStep < s.Peaks[1].ConvergedAtStep && s.Peaks[1].ConvergedAtStep < s.Peaks[2].ConvergedAtStep,
                string.Join(", ", s.Peaks.Select(p => $"k={p.Index}: {p.ConvergedAtStep}")));
            Assert.Equal(1.0, s.SpectralBiasIndex);
            Assert.Equal([1, 3, 5], s.ConvergenceOrder);
            Assert.StartsWith("Frequencies converged in the order 1, 3, 5 (spectral-bias index +1.00)", s.Verdict);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void RunWritesTheDocumentedFilesAndASummaryConsistentWithThem()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var config = Small(steps: 100);
            var result = FitExperiment.Run(config, new RunOptions { RunDirectory = run }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);

            Assert.Equal(FitExperiment.ToJson(config), File.ReadAllText(Path.Combine(run, "config.json")));
            var manifest = Json(Path.Combine(run, "manifest.json"));
            Assert.Equal("finished", manifest.GetProperty("status").GetString());
            Assert.True(manifest.GetProperty("finished").GetBoolean());
            Assert.Equal(100, manifest.GetProperty("stepsCompleted").GetInt64());
            Assert.Equal("0.107.0", manifest.GetProperty("torchSharpVersion").GetString());

            var metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
            Assert.Equal(MetricRow.Csv.Header, metrics[0]);
            Assert.Equal(Enumerable.Range(0, 11).Select(i => (i * 10).ToString()), metrics.Skip(1).Select(l => l.Split(',')[0]));

            // spectra.csv: 101 eval points → one-sided k = 0..50, for each of the 11 probes.
            var spectra = File.ReadAllLines(Path.Combine(run, "spectra.csv"));
            Assert.Equal(SpectrumRow.Csv.Header, spectra[0]);
            Assert.Equal(11 * 51, spectra.Length - 1);
            // target |ŷ_k| at k = 3 for sin x + sin 3x + sin 5x on 101 points of [−π, π] ≈ 1/2 (the grid is almost periodic).
            var k3 = spectra.Skip(1).Select(l => l.Split(',')).First(f => f[1] == "3");
            Assert.InRange(double.Parse(k3[4], System.Globalization.CultureInfo.InvariantCulture), 0.45, 0.55);
            // frequency column = k / (n Δx) with n = 101, Δx = 2π/100.
            Assert.Equal(3 / (101 * 2 * Math.PI / 100), double.Parse(k3[2], System.Globalization.CultureInfo.InvariantCulture), 1e-12);

            // The summary's convergence steps are recomputable from spectra.csv.
            var summary = Json(Path.Combine(run, "summary.json"));
            double eps = summary.GetProperty("epsilon").GetDouble();
            foreach (var peak in summary.GetProperty("peaks").EnumerateArray())
            {
                int k = peak.GetProperty("index").GetInt32();
                var rows = spectra.Skip(1).Select(l => l.Split(',')).Where(f => f[1] == k.ToString()).ToList();
                var first = rows.FirstOrDefault(f => double.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture) < eps)?[0];
                var conv = peak.GetProperty("convergedAtStep");
                Assert.Equal(first, conv.ValueKind == JsonValueKind.Null ? null : conv.GetInt64().ToString());
            }
            var outputs = File.ReadAllLines(Path.Combine(run, "outputs.csv"));
            Assert.Equal(OutputRow.Csv.Header, outputs[0]);
            Assert.Equal(0, (outputs.Length - 1) % 101);
            Assert.Contains(outputs.Skip(1), l => l.StartsWith("100,"));
            Assert.True(File.Exists(Path.Combine(run, "report.html")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TheSummaryHasATheorySectionConsistentWithItsPeaks()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var config = Small(steps: 300) with { Model = Small().Model with { WeightInit = new InitConfig() } }; // PyTorch's default: U(−1, 1)
            FitExperiment.Run(config, new RunOptions { RunDirectory = run, BuildReport = false }, TestContext.Current.CancellationToken);
            var summary = Json(Path.Combine(run, "summary.json"));
            var theory = summary.GetProperty("theory");
            Assert.Equal("one-hidden-layer", theory.GetProperty("prediction").GetString());
            Assert.Equal(JsonValueKind.Null, theory.GetProperty("skipped").ValueKind);
            Assert.Equal(2, theory.GetProperty("hiddenLayers").GetInt32());
            Assert.Equal("tanh", theory.GetProperty("activation").GetString());
            var weights = theory.GetProperty("firstLayerWeights");
            Assert.Equal("uniform", weights.GetProperty("distribution").GetString());
            Assert.Equal(1.0, weights.GetProperty("bound").GetDouble(), 1e-12);

            var peaks = summary.GetProperty("peaks").EnumerateArray().ToArray();
            var predicted = theory.GetProperty("peaks").EnumerateArray().ToArray();
            Assert.Equal(peaks.Length, predicted.Length);
            Assert.Equal(peaks[0].GetProperty("index").GetInt32(), theory.GetProperty("anchorIndex").GetInt32());
            long?[] measured = new long?[peaks.Length];
            for (int i = 0; i < peaks.Length; i++)
            {
                Assert.Equal(peaks[i].GetProperty("index").GetInt32(), predicted[i].GetProperty("index").GetInt32());
                Assert.Equal(2 * Math.PI * peaks[i].GetProperty("frequency").GetDouble(), predicted[i].GetProperty("angularFrequency").GetDouble(), 1e-12);
                Assert.Equal(peaks[i].GetProperty("convergedAtStep").GetRawText(), predicted[i].GetProperty("measuredStep").GetRawText());
                measured[i] = peaks[i].GetProperty("convergedAtStep").ValueKind == JsonValueKind.Null ? null : peaks[i].GetProperty("convergedAtStep").GetInt64();
            }

            // Anchored at the lowest peak: its prediction is its measured step; the rest follow 1/P(k) for tanh, U(−1, 1).
            Assert.Equal(1.0, predicted[0].GetProperty("relativePriority").GetDouble());
            Assert.True(predicted[1].GetProperty("relativePriority").GetDouble() < 1);
            var anchorStep = predicted[0].GetProperty("predictedStep");
            Assert.Equal(measured[0], anchorStep.ValueKind == JsonValueKind.Null ? null : (long)anchorStep.GetDouble());
            double[] k = [.. predicted.Select(p => p.GetProperty("angularFrequency").GetDouble())];
            var expected = FreqScope.Theory.OneHiddenLayerTheory.Predict(Activation.Tanh, FreqScope.Theory.FirstLayerWeights.Uniform(1), k, measured[0]);
            for (int i = 0; i < k.Length; i++)
            {
                var step = predicted[i].GetProperty("predictedStep");
                Assert.Equal(expected[i].PredictedStep, step.ValueKind == JsonValueKind.Null ? null : step.GetDouble());
            }

            var rho = theory.GetProperty("spearman");
            Assert.Equal(FreqScope.Theory.OneHiddenLayerTheory.Spearman(expected, measured), rho.ValueKind == JsonValueKind.Null ? null : rho.GetDouble());

            // The report reads the section back (not recomputed) and draws the theory figure from it.
            var data = FitRunFolderReader.Read(run);
            Assert.False(data.TheoryIsRecomputed);
            Assert.Equal(predicted.Length, data.Theory!.Peaks.Count);
            Assert.Contains(FitReport.Build(run).Plots, p => p.Name == "theory");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ASinRunSaysWhyItHasNoTheory()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var config = Small(steps: 20) with { Model = Small().Model with { Activation = Activation.Sin } };
            FitExperiment.Run(config, new RunOptions { RunDirectory = run, BuildReport = false }, TestContext.Current.CancellationToken);
            var theory = Json(Path.Combine(run, "summary.json")).GetProperty("theory");
            Assert.Contains("line spectrum", theory.GetProperty("skipped").GetString());
            Assert.Equal(0, theory.GetProperty("peaks").GetArrayLength());
            var report = FitReport.Build(run);
            Assert.DoesNotContain(report.Plots, p => p.Name == "theory");
            Assert.Contains("No one-hidden-layer prediction: activation sin", File.ReadAllText(report.ReportPath));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SameConfigAndSeedGiveIdenticalNumbers()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = Small(steps: 60);
            FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "a"), BuildReport = false }, TestContext.Current.CancellationToken);
            FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "b"), BuildReport = false }, TestContext.Current.CancellationToken);
            FitExperiment.Run(config with { Seed = 7 }, new RunOptions { RunDirectory = Path.Combine(dir, "c"), BuildReport = false }, TestContext.Current.CancellationToken);
            foreach (var f in new[] { "metrics.csv", "spectra.csv", "outputs.csv" })
                Assert.Equal(File.ReadAllText(Path.Combine(dir, "a", f)), File.ReadAllText(Path.Combine(dir, "b", f)));
            Assert.NotEqual(File.ReadAllText(Path.Combine(dir, "a", "metrics.csv")), File.ReadAllText(Path.Combine(dir, "c", "metrics.csv")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InterruptedAndResumedRunEqualsAnUninterruptedOne(bool miniBatch)
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var config = Small(steps: 200, checkpointEvery: 50);
            if (miniBatch)
                config = config with { Training = config.Training with { Optimizer = OptimizerKind.Sgd, Momentum = 0.9, LearningRate = 1e-2, BatchSize = 16 } };
            var whole = Path.Combine(dir, "whole");
            FitExperiment.Run(config, new RunOptions { RunDirectory = whole, BuildReport = false }, TestContext.Current.CancellationToken);

            var parts = Path.Combine(dir, "parts");
            using var cts = new CancellationTokenSource();
            var first = FitExperiment.Run(config, new RunOptions
            {
                RunDirectory = parts,
                BuildReport = false,
                OnProgress = p => { if (p.Step == 130) cts.Cancel(); },
            }, cts.Token);
            Assert.Equal(RunStatus.Interrupted, first.Status);
            Assert.Equal(130, first.StepsCompleted);
            var manifest = RunFolder.ReadManifest(parts);
            Assert.Equal(RunStatus.Interrupted, manifest.Status);
            Assert.False(manifest.Finished);
            Assert.False(Json(Path.Combine(parts, "summary.json")).GetProperty("finished").GetBoolean());

            var second = FitExperiment.Run(config, new RunOptions { RunDirectory = parts, Resume = true, BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, second.Status);
            foreach (var f in new[] { "metrics.csv", "spectra.csv", "outputs.csv" })
                Assert.Equal(File.ReadAllText(Path.Combine(whole, f)), File.ReadAllText(Path.Combine(parts, f)));
            var a = Json(Path.Combine(whole, "summary.json"));
            var b = Json(Path.Combine(parts, "summary.json"));
            Assert.Equal(a.GetRawText(), b.GetRawText());
            Assert.Equal([130L], RunFolder.ReadManifest(parts).ResumedFrom);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ANonEmptyOutputFolderIsRefusedAndAFinishedRunCannotBeResumed()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");
            var e = Assert.Throws<InvalidOperationException>(() => _ = FitExperiment.Run(Small(20), new RunOptions { RunDirectory = dir }, TestContext.Current.CancellationToken));
            Assert.Contains(dir, e.Message);
            Assert.Contains("not empty", e.Message);
            Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));

            var run = Path.Combine(dir, "run");
            FitExperiment.Run(Small(20), new RunOptions { RunDirectory = run, BuildReport = false }, TestContext.Current.CancellationToken);
            var r = Assert.Throws<InvalidOperationException>(() => _ = FitExperiment.Run(Small(20), new RunOptions { RunDirectory = run, Resume = true }, TestContext.Current.CancellationToken));
            Assert.Contains("already finished", r.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AFailingRunIsMarkedFailedAndLeavesNoSummary()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var e = Assert.Throws<IOException>(() => _ = FitExperiment.Run(Small(100), new RunOptions
            {
                RunDirectory = run,
                OnProgress = p => { if (p.Step == 40) throw new IOException("disk full (simulated)"); },
            }, TestContext.Current.CancellationToken));
            var manifest = RunFolder.ReadManifest(run);
            Assert.Equal(RunStatus.Failed, manifest.Status);
            Assert.False(manifest.Finished);
            Assert.Equal(40, manifest.StepsCompleted);
            Assert.Equal("disk full (simulated)", manifest.Error);
            Assert.False(File.Exists(Path.Combine(run, "summary.json")));
            Assert.False(File.Exists(Path.Combine(run, "report.html")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void BadInputIsReportedBeforeAnyOutputIsWritten()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var run = Path.Combine(dir, "run");
            var config = Small(20) with { Target = new TargetConfig { Kind = TargetKind.Csv, CsvPath = Path.Combine(dir, "missing.csv") } };
            var e = Assert.ThrowsAny<Exception>(() => _ = FitExperiment.Run(config, new RunOptions { RunDirectory = run }, TestContext.Current.CancellationToken));
            Assert.Contains("missing.csv", e.Message);
            Assert.False(Directory.Exists(run));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TheSummaryReportsTheOutputsHighFrequencyEnergyAboveTwiceTheHighestPeak()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var result = FitExperiment.Run(Small(steps: 100), new RunOptions { RunDirectory = Path.Combine(dir, "run"), BuildReport = false }, TestContext.Current.CancellationToken);
            var s = result.Summary!;
            Assert.Equal(10, s.HighFrequencyCutoff);
            var last = File.ReadLines(Path.Combine(result.RunDirectory, "outputs.csv")).Skip(1).Select(l => l.Split(','))
                .Where(c => c[0] == "100").ToList();
            Assert.Equal(101, last.Count);
            double Fraction(int column)
            {
                // Direct DFT sums, independent of the library's FFT: energy at 1 ≤ k ≤ n/2 (doubled below n/2).
                var v = last.Select(c => double.Parse(c[column], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                int n = v.Length;
                double high = 0, total = 0;
                for (int k = 1; k <= n / 2; k++)
                {
                    double re = 0, im = 0;
                    for (int j = 0; j < n; j++)
                    {
                        re += v[j] * Math.Cos(2 * Math.PI * k * j / n);
                        im -= v[j] * Math.Sin(2 * Math.PI * k * j / n);
                    }

                    double e = re * re + im * im;
                    total += e;
                    if (k > 10) high += e;
                }

                return high / total;
            }

            Assert.Equal(Fraction(3), s.HighFrequencyEnergy!.Value, 9);
            Assert.Equal(Fraction(2), s.TargetHighFrequencyEnergy!.Value, 9);
            Assert.True(s.TargetHighFrequencyEnergy < 0.01, $"the target sin x + sin 3x + sin 5x has little energy above k = 10: {s.TargetHighFrequencyEnergy}");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>The fit1d experiment files (the classify ones run in ClassifyExperimentTests).</summary>
    public static TheoryData<string> ExperimentFiles() =>
        new(Directory.GetFiles(Path.Combine(RepoPaths.Root, "experiments"), "*.json")
            .Where(f => !SweepSpec.IsSweepFile(f) && ConfigLoader.LoadAnyFile(f) is FitExperimentConfig).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public void EveryExperimentFileRunsInSmokeMode(string file)
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var path = Path.Combine(RepoPaths.Root, "experiments", file);
            var config = FitExperiment.Smoke(FitExperiment.LoadFile(path));
            var result = FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "run"), Smoke = true, ConfigDirectory = Path.GetDirectoryName(path) }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);
            Assert.Equal(config.Training.Steps, result.StepsCompleted);
            Assert.True(RunFolder.ReadManifest(result.RunDirectory).Smoke);
            Assert.NotEmpty(result.Summary!.Peaks);
            Assert.All(result.Summary.Peaks.Zip(result.Summary.Peaks.Skip(1)), p => Assert.True(p.First.Index < p.Second.Index));
            if (file == "rahaman-spectral-dynamics.json")
                Assert.Equal([5, 10, 15, 20, 25, 30, 35, 40, 45, 50], result.Summary.Peaks.Select(p => p.Index));
            Assert.True(File.Exists(Path.Combine(result.RunDirectory, "report.html")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
