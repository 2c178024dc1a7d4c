using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Spectral;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Classify;

namespace FreqScope.Tests.Experiments;

/// <summary>The interpolation-path spectrum probe of classify runs, on synthetic IDX data.</summary>
[Collection(TorchCollection.Name)]
public sealed class PathProbeTests : IDisposable
{
    private readonly string _dir;
    private readonly string _idx;

    public PathProbeTests()
    {
        NativeLoader.EnsureLoaded();
        _dir = RepoPaths.NewTempDirectory();
        _idx = Path.Combine(_dir, "idx");
        SyntheticImages.WriteIdx(_idx, trainCount: 400, testCount: 100);
    }

    public void Dispose() => Directory.Delete(_dir, true);

    private ClassifyExperimentConfig Config(PathsConfig paths, int epochs = 3) => new()
    {
        Name = "paths",
        Seed = 2,
        Data = new ImageDataConfig
        {
            Dataset = "mnist",
            Dir = _idx,
            Train = new SubsetConfig { Count = 200, Subset = SubsetKind.Balanced },
            Test = new SubsetConfig { Count = 60 },
        },
        Model = new ClassifierModelConfig { Kind = ClassifierKind.Mlp, Hidden = [32] },
        Training = new ClassifyTrainingConfig { Loss = LossKind.CrossEntropy, Optimizer = OptimizerKind.Adam, LearningRate = 2e-3, BatchSize = 32, Epochs = epochs },
        Probe = new ClassifyProbeConfig { Paths = paths },
    };

    private RunResult<ClassifySummary> Run(ClassifyExperimentConfig config, string name, bool report = false) =>
        ClassifyExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, name), BuildReport = report }, TestContext.Current.CancellationToken);

    [Fact]
    public void PathsCsvHoldsTheMeanDensitiesAndTheSummaryTheirHighFrequencyShares()
    {
        var paths = new PathsConfig { Within = 3, Between = 4, Spacing = 0.25, GridPoints = 33 };
        var r = Run(Config(paths), "run", report: true);
        Assert.Equal(RunStatus.Finished, r.Status);
        var s = r.Summary!.Paths!;
        Assert.Equal((3, 4, 0.25, 0.5), (s.WithinPairs, s.BetweenPairs, s.Spacing, s.Cutoff));
        Assert.Equal([0, 1, 2, 3], s.Epochs.Select(e => e.Epoch));

        var data = ClassifyRunFolderReader.Read(r.RunDirectory);
        Assert.Equal(4 * 2 * 33, data.Paths!.Count);
        foreach (var epoch in s.Epochs)
        {
            foreach (var (kind, share, power) in new[] { (PathProbeKinds.Within, epoch.WithinHighFraction, epoch.WithinHighPower), (PathProbeKinds.Between, epoch.BetweenHighFraction, epoch.BetweenHighPower) })
            {
                var rows = data.Paths.Where(p => p.Epoch == epoch.Epoch && p.Kind == kind).ToArray();
                // The common grid: 33 points from 0 to the Nyquist frequency 1/(2Δ) = 2.
                Assert.Equal(2.0, rows[^1].Frequency, 12);
                Assert.Equal(0.0625, rows[1].Frequency, 12);
                Assert.All(rows, p => Assert.True(p.Density >= 0));
                double high = rows.Where(p => p.Frequency > 0.5).Sum(p => p.Density), all = rows.Where(p => p.Frequency > 0).Sum(p => p.Density);
                Assert.Equal(high / all, share, 12);
                Assert.Equal(high * 0.0625, power, 12);
                Assert.InRange(share, 0, 1);
            }
        }

        Assert.Contains("of the path-spectrum power lies above 0.5 cycles per unit distance", r.Summary.Verdict);
        Assert.True(File.Exists(Path.Combine(r.RunDirectory, "plots", "path-spectra.png")));
        Assert.True(File.Exists(Path.Combine(r.RunDirectory, "plots", "path-high-fraction.png")));
    }

    [Fact]
    public void AnUntrainedNetworkSeesAPathAsASmoothSignal()
    {
        // At epoch 0 the outputs of a small random MLP change slowly along a path: most power is below the cutoff.
        var r = Run(Config(new PathsConfig { Within = 4, Between = 4, Spacing = 0.1 }, epochs: 1), "smooth");
        var first = r.Summary!.Paths!.Epochs[0];
        Assert.True(first.WithinHighFraction < 0.5 && first.BetweenHighFraction < 0.5, $"{first}");
    }

    [Fact]
    public void ASpacingTooSmallForThePairsIsRejectedWithWhatWouldFit()
    {
        var e = Assert.Throws<ConfigException>(() => Run(Config(new PathsConfig { Within = 2, Between = 2, Spacing = 1e-4, MaxPoints = 100 }), "tiny"));
        Assert.Contains("$.probe.paths.spacing", e.Message);
        Assert.Contains("more than maxPoints = 100", e.Message);
    }

    [Theory]
    [InlineData("""{ "within": 0, "between": 0 }""", "$.probe.paths.between", "at least one pair")]
    [InlineData("""{ "spacing": 0 }""", "$.probe.paths.spacing", "a number > 0")]
    [InlineData("""{ "cutoff": -1 }""", "$.probe.paths.cutoff", "a number > 0")]
    [InlineData("""{ "gridPoints": 2 }""", "$.probe.paths.gridPoints", "between 3 and")]
    public void BadPathSettingsAreRejected(string raw, string where, string message)
    {
        var json = ConfigLoader.ToJsonAny(Config(new PathsConfig()));
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(ConfigJson.Set(json, "probe.paths", raw), "c.json"));
        Assert.Contains(where, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ThePathsSectionRoundTrips()
    {
        var config = Config(new PathsConfig { Within = 7, Between = 0, Spacing = 0.3, Cutoff = 0.4 });
        var json = ConfigLoader.ToJsonAny(config);
        Assert.Equal(config.Probe.Paths, ((ClassifyExperimentConfig)ConfigLoader.ParseAny(json, "c.json")).Probe.Paths);
        Assert.Equal(0.4, config.Probe.Paths!.EffectiveCutoff);
        Assert.Equal(1 / (8 * 0.1), new PathsConfig().EffectiveCutoff, 12);
        _ = CultureInfo.InvariantCulture;
        _ = typeof(PathSpectrum);
    }
}
