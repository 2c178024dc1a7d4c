using System.Globalization;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Data;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Classify;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class ClassifyExperimentTests : IDisposable
{
    private readonly string _dir;
    private readonly string _idx;

    public ClassifyExperimentTests()
    {
        NativeLoader.EnsureLoaded();
        _dir = RepoPaths.NewTempDirectory();
        _idx = Path.Combine(_dir, "idx");
        SyntheticImages.WriteIdx(_idx, trainCount: 400, testCount: 100);
    }

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A small MLP run on the synthetic IDX data with both probes.</summary>
    private ClassifyExperimentConfig Small(int epochs = 4) => new()
    {
        Name = "small",
        Seed = 3,
        Data = new ImageDataConfig
        {
            Dataset = "mnist",
            Dir = _idx,
            Train = new SubsetConfig { Count = 200, Subset = SubsetKind.Balanced },
            Test = new SubsetConfig { Count = 60 },
        },
        Model = new ClassifierModelConfig { Kind = ClassifierKind.Mlp, Hidden = [32] },
        Training = new ClassifyTrainingConfig { Loss = LossKind.Mse, Optimizer = OptimizerKind.Adam, LearningRate = 2e-3, BatchSize = 32, Epochs = epochs },
        Probe = new ClassifyProbeConfig
        {
            Filtering = new FilteringConfig { Deltas = [5, 20], Samples = 150 },
            Projection = new ProjectionConfig { Frequencies = new ProjectionFrequenciesConfig { Count = 21 } },
        },
    };

    private static List<string[]> Rows(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private RunResult<ClassifySummary> Run(ClassifyExperimentConfig config, string name, bool report = false) =>
        ClassifyExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, name), BuildReport = report }, TestContext.Current.CancellationToken);

    [Fact]
    public void RunWritesTheDocumentedFilesAndASummaryConsistentWithThem()
    {
        var config = Small();
        var result = Run(config, "run", report: true);
        Assert.Equal(RunStatus.Finished, result.Status);
        var run = result.RunDirectory;
        Assert.Equal(ConfigLoader.ToJsonAny(config), File.ReadAllText(Path.Combine(run, "config.json")));

        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.json"))).RootElement;
        Assert.Equal("finished", manifest.GetProperty("status").GetString());
        Assert.Equal("classify", manifest.GetProperty("experiment").GetString());
        Assert.Equal(4, manifest.GetProperty("epochsCompleted").GetInt32());
        int stepsPerEpoch = (200 + 31) / 32;
        Assert.Equal(4 * stepsPerEpoch, manifest.GetProperty("stepsCompleted").GetInt64());

        var metrics = Rows(Path.Combine(run, "metrics.csv"));
        Assert.Equal(["0", "1", "2", "3", "4"], metrics.Select(r => r[0]));
        Assert.Equal(Enumerable.Range(0, 5).Select(e => (e * stepsPerEpoch).ToString(CultureInfo.InvariantCulture)), metrics.Select(r => r[1]));
        Assert.All(metrics, r => Assert.InRange(D(r[4]), 0, 1));

        var filtering = Rows(Path.Combine(run, "filtering.csv"));
        Assert.Equal(5 * 2, filtering.Count);
        var projection = Rows(Path.Combine(run, "projection.csv"));
        Assert.Equal(5 * 21, projection.Count);

        var s = result.Summary!;
        Assert.True(s.Finished);
        Assert.Equal(D(metrics[^1][4]), s.FinalTrainAccuracy);
        Assert.Equal(D(metrics[^1][6]), s.FinalTestAccuracy);
        // The summary's first-below epochs are those of the CSV.
        foreach (var delta in s.Filtering!.Deltas)
        {
            var rows = filtering.Where(r => D(r[1]) == delta.Delta).ToList();
            int? low = rows.Where(r => D(r[2]) < 0.1).Select(r => (int?)int.Parse(r[0], CultureInfo.InvariantCulture)).FirstOrDefault();
            int? high = rows.Where(r => D(r[3]) < 0.1).Select(r => (int?)int.Parse(r[0], CultureInfo.InvariantCulture)).FirstOrDefault();
            Assert.Equal(low, delta.LowBelowAtEpoch);
            Assert.Equal(high, delta.HighBelowAtEpoch);
            Assert.Equal(D(rows[^1][2]), delta.FinalLowError);
        }

        // Peaks are local maxima of the target's |ŷ| column, as written.
        var target = projection.Take(21).Select(r => D(r[4])).ToArray();
        Assert.Equal(FreqScope.Spectral.PeakFinder.FindPeaks(target, 0.05), s.Projection!.Peaks.Select(p => p.Index));
        Assert.StartsWith("principal component 1 ", s.Projection.Direction);
        Assert.Equal(784, File.ReadAllLines(Path.Combine(run, "projection-direction.csv")).Length - 1);
        var direction = FreqScope.Experiments.Classify.ProjectionDirectionRow.Csv.Read(run);
        Assert.Equal(Enumerable.Range(0, 784), direction.Select(r => r.Feature));
        Assert.Equal(1.0, Math.Sqrt(direction.Sum(r => r.Value * r.Value)), 1e-9);
        Assert.True(File.Exists(Path.Combine(run, "report.html")));
        Assert.Contains(s.Filtering.Verdict, s.Verdict);
    }

    [Fact]
    public void LowFrequencyRatioEqualsABruteForceComputationOnTheSameImages()
    {
        var config = Small(epochs: 1) with { Probe = Small().Probe with { Projection = null } };
        var result = Run(config, "ratio");
        // Independent computation: the same subset and scaling, the Gaussian kernel in double precision, n² pairs.
        var pair = DatasetStore.Load("mnist", _idx, download: false);
        var train = pair.Train.Select(DatasetSubsets.Balanced(pair.Train.Labels, 10, 200, config.Seed));
        int n = 150, d = train.Features;
        var x = train.Pixels.Select(p => p / 255.0).ToArray();
        foreach (var delta in result.Summary!.Filtering!.Deltas)
        {
            double low2 = 0, all2 = 0;
            for (int i = 0; i < n; i++)
            {
                var num = new double[10];
                double den = 0;
                for (int j = 0; j < n; j++)
                {
                    double r2 = 0;
                    for (int f = 0; f < d; f++)
                    {
                        double diff = x[i * d + f] - x[j * d + f];
                        r2 += diff * diff;
                    }

                    double g = Math.Exp(-r2 / (2 * delta.Delta));
                    num[train.Labels[j]] += g;
                    den += g;
                }

                for (int c = 0; c < 10; c++) low2 += num[c] / den * (num[c] / den);
                all2 += 1;
            }

            Assert.Equal(low2 / all2, delta.LowFrequencyRatio, 4);
        }
    }

    [Fact]
    public void StreamedKernelsGiveTheSameErrorsAsCachedOnes()
    {
        var cached = Small(epochs: 2);
        var streamed = cached with { Probe = cached.Probe with { Filtering = cached.Probe.Filtering! with { CacheBudgetMiB = 0 } } };
        var a = Rows(Path.Combine(Run(cached, "cached").RunDirectory, "filtering.csv"));
        var b = Rows(Path.Combine(Run(streamed, "streamed").RunDirectory, "filtering.csv"));
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal((a[i][0], a[i][1]), (b[i][0], b[i][1]));
            Assert.Equal(D(a[i][2]), D(b[i][2]), 1e-4);
            Assert.Equal(D(a[i][3]), D(b[i][3]), 1e-4);
        }
    }

    [Fact]
    public void SameConfigAndSeedGiveIdenticalFiles()
    {
        var a = Run(Small(epochs: 2), "a");
        var b = Run(Small(epochs: 2), "b");
        foreach (var file in new[] { "metrics.csv", "filtering.csv", "projection.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(a.RunDirectory, file)), File.ReadAllText(Path.Combine(b.RunDirectory, file)));
    }

    [Theory]
    [InlineData(0.0, 0.0, false)]
    [InlineData(0.1, 0.4, true)]
    public void InterruptedRunResumesToTheSameNumbersAsAnUninterruptedOne(double labelSmoothing, double mixup, bool augment)
    {
        // With mixup and augmentation the random draws come from torch's generator, whose state the checkpoint saves.
        var config = Small(epochs: 4) with
        {
            Training = Small().Training with
            {
                Epochs = 4, CheckpointEvery = 1, LabelSmoothing = labelSmoothing, Mixup = mixup,
                Augment = augment ? new AugmentConfig { Flip = true, Crop = 2, Cutout = 6 } : new AugmentConfig(),
            },
        };
        var straight = Run(config, "straight");

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runDir = Path.Combine(_dir, "interrupted");
        var first = ClassifyExperiment.Run(config, new RunOptions
        {
            RunDirectory = runDir,
            BuildReport = false,
            OnProgress = p => { if (p.Step >= 20) cts.Cancel(); }, // mid-epoch 3 (7 steps per epoch)
        }, cts.Token);
        Assert.Equal(RunStatus.Interrupted, first.Status);
        Assert.False(first.Summary!.Finished);
        Assert.InRange(first.StepsCompleted, 20, 27);
        Assert.Equal("interrupted", JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "manifest.json"))).RootElement.GetProperty("status").GetString());

        var resumed = ClassifyExperiment.Run(config, new RunOptions { RunDirectory = runDir, Resume = true, BuildReport = false }, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Finished, resumed.Status);
        foreach (var file in new[] { "metrics.csv", "filtering.csv", "projection.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(straight.RunDirectory, file)), File.ReadAllText(Path.Combine(runDir, file)));
        Assert.Equal(straight.Summary!.Verdict, resumed.Summary!.Verdict);
        Assert.Equal(JsonSerializer.Serialize(straight.Summary), JsonSerializer.Serialize(resumed.Summary));
    }

    [Fact]
    public void ASubsetLargerThanTheSplitIsRefusedBeforeAnythingIsWritten()
    {
        var config = Small() with { Data = Small().Data with { Train = new SubsetConfig { Count = 401 } } };
        var e = Assert.Throws<ConfigException>(() => Run(config, "too-many"));
        Assert.Equal("config: $.data.train.count: 401 is out of range; mnist's training split has 400 images", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "too-many")));
    }

    [Fact]
    public void ADirectionOfTheWrongLengthIsRefusedNamingTheInputSize()
    {
        var config = Small() with { Probe = Small().Probe with { Projection = new ProjectionConfig { Direction = new ProjectionDirectionConfig { Kind = DirectionKind.Vector, Values = [1, 2, 3] } } } };
        var e = Assert.Throws<ConfigException>(() => Run(config, "vector"));
        Assert.Contains("has 3 numbers; expected 784, one per input feature of mnist (1×28×28)", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "vector")));
    }

    [Fact]
    public void MissingDatasetFilesAreReportedBeforeAnythingIsWritten()
    {
        var empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        var config = Small() with { Data = Small().Data with { Dir = empty } };
        var e = Assert.ThrowsAny<Exception>(() => Run(config, "no-data"));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "no-data")));
    }

    [CudaFact]
    public void CudaRunAgreesWithTheCpuAtEpochZero()
    {
        // Same initialization (drawn on the CPU before the move), so epoch 0's losses, filtering errors and
        // projected spectra agree to float32 rounding; then the CUDA run must finish.
        var config = Small(epochs: 1);
        var cpu = Run(config, "cpu");
        var gpu = Run(config with { Device = "cuda" }, "cuda");
        Assert.Equal(RunStatus.Finished, gpu.Status);
        foreach (var file in new[] { "metrics.csv", "filtering.csv", "projection.csv" })
        {
            var a = Rows(Path.Combine(cpu.RunDirectory, file)).Where(r => r[0] == "0").ToList();
            var b = Rows(Path.Combine(gpu.RunDirectory, file)).Where(r => r[0] == "0").ToList();
            Assert.Equal(a.Count, b.Count);
            // Accuracies (metrics columns 4 and 6) can move by one sample where an argmax is a near tie.
            var columns = file == "metrics.csv" ? new[] { 2, 3, 5 } : Enumerable.Range(2, a[0].Length - 2).ToArray();
            for (int i = 0; i < a.Count; i++)
                foreach (int j in columns)
                    Assert.True(Math.Abs(D(a[i][j]) - D(b[i][j])) <= 1e-3 * Math.Max(1, Math.Abs(D(a[i][j]))), $"{file} row {i} column {j}: {a[i][j]} vs {b[i][j]}");
        }
    }

    public static TheoryData<string> ClassifyFiles() =>
        new(Directory.GetFiles(RepoPaths.Experiments, "*.json")
            .Where(f => !SweepSpec.IsSweepFile(f) && ConfigLoader.LoadAnyFile(f) is ClassifyExperimentConfig).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(ClassifyFiles))]
    public void EveryClassifyExperimentFileRunsInSmokeModeOnDataInItsFormat(string file)
    {
        var config = ClassifyExperiment.Smoke((ClassifyExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, file)));
        string data = Path.Combine(_dir, "data-" + config.Data.Dataset);
        if (config.Data.Dataset == "cifar10") SyntheticImages.WriteCifar(data, trainPerBatch: 120, testCount: 200);
        else SyntheticImages.WriteIdx(data, trainCount: 600, testCount: 200);
        config = config with { Device = "cpu", Data = config.Data with { Dir = data, Download = false } };

        var result = ClassifyExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, "smoke"), Smoke = true }, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Finished, result.Status);
        Assert.Equal(Math.Min(2, config.Training.Epochs), result.EpochsCompleted);
        var s = result.Summary!;
        Assert.Equal(config.Probe.Filtering is not null, s.Filtering is not null);
        Assert.Equal(config.Probe.Projection is not null, s.Projection is not null);
        if (s.Filtering is not null) Assert.Equal(config.Probe.Filtering!.Deltas, s.Filtering.Deltas.Select(d => d.Delta));
        Assert.True(File.Exists(Path.Combine(result.RunDirectory, "report.html")));
    }
}
