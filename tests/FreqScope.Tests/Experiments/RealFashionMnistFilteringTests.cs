using FreqScope.Core.Runs;
using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Experiments.Classify;

namespace FreqScope.Tests.Experiments;

/// <summary>
/// The filtering method on real data: a small MLP trained on a few thousand Fashion-MNIST images (Debian's
/// dataset-fashion-mnist, which .ci/run installs) must fit the low-frequency part of the labels before the
/// high-frequency part. Skipped, with the reason, where the files are absent.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RealFashionMnistFilteringTests
{
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public void SmallMlpFitsLowFrequenciesBeforeHighOnes()
    {
        if (!File.Exists(Path.Combine(DebianFolder, "train-images-idx3-ubyte.gz")))
            Assert.Skip($"{DebianFolder} has no Fashion-MNIST files: install Debian's dataset-fashion-mnist (.ci/run does)");
        NativeLoader.EnsureLoaded();
        var config = new ClassifyExperimentConfig
        {
            Name = "real-fashion-mnist",
            Data = new ImageDataConfig
            {
                Dataset = "fashion-mnist",
                Dir = DebianFolder,
                Train = new SubsetConfig { Count = 3000, Subset = SubsetKind.Balanced },
                Test = new SubsetConfig { Count = 500 },
            },
            Model = new ClassifierModelConfig { Kind = ClassifierKind.Mlp, Hidden = [256, 256] },
            Training = new ClassifyTrainingConfig { Loss = LossKind.Mse, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, BatchSize = 100, Epochs = 15 },
            Probe = new ClassifyProbeConfig { Filtering = new FilteringConfig { Deltas = [10], Threshold = 0.15 } },
        };
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var result = ClassifyExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "run"), BuildReport = false }, TestContext.Current.CancellationToken);
            var delta = Assert.Single(result.Summary!.Filtering!.Deltas);
            Assert.InRange(delta.LowFrequencyRatio, 0.1, 0.9);
            Assert.NotNull(delta.LowBelowAtEpoch);
            Assert.True(delta.LowBeforeHigh, $"e_low < 0.15 at epoch {delta.LowBelowAtEpoch}, e_high at {delta.HighBelowAtEpoch?.ToString() ?? "never"}");
            // At the epoch e_low got there, e_high was still far from it.
            var rows = File.ReadAllLines(Path.Combine(result.RunDirectory, "filtering.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            var atLow = rows.Single(r => r[0] == delta.LowBelowAtEpoch.ToString());
            Assert.True(double.Parse(atLow[3], System.Globalization.CultureInfo.InvariantCulture) > 2 * 0.15, $"e_high = {atLow[3]} when e_low first fell below 0.15");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
