using FreqScope.Cli;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Experiments.Classify;
using FreqScope.Core.Kinds;
using FreqScope.Models;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Core;

/// <summary>The memory preflight: estimates against independent counts, refusals that name the key, no refusal of a shipped experiment.</summary>
[Collection(TorchCollection.Name)]
public sealed class MemoryPreflightTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public void ANetworksNeedIsItsParametersAndGradientsAsTorchCountsThem()
    {
        var config = new ModelConfig { Hidden = [200, 200, 100] };
        using var model = NetworkFactory.Create(config, seed: 0);
        long parameters = model.parameters().Sum(p => p.numel());
        var need = MemoryNeed.Network("model.hidden", config.Hidden, inputs: 1, outputs: 1);
        Assert.Equal(parameters * 2 * 4, need.Bytes);
        Assert.Equal("[200, 200, 100]", need.Value);
    }

    [Theory]
    [InlineData(11, 1.0, false, 3, 32, 32)]
    [InlineData(16, 1.0, true, 3, 32, 32)]
    [InlineData(16, 0.25, false, 1, 28, 28)]
    [InlineData(11, 2.0, true, 1, 28, 28)]
    public void AVggsCountIsWhatTorchCountsAndItsPlanWhatItBuilds(int depth, double multiplier, bool batchNorm, int channels, int height, int width)
    {
        using var model = new Vgg(depth, multiplier, batchNorm, channels, height, width, 10);
        var (parameters, layers) = Vgg.Count(depth, multiplier, batchNorm, channels, height, width, 10);
        Assert.Equal(model.ParameterCount, parameters);
        var plan = Vgg.Plan(depth, multiplier, height, width);
        Assert.Equal(model.ConvChannels, plan.Where(l => !l.Pool).Select(l => l.Channels));
        Assert.Equal(model.PoolCount, plan.Count(l => l.Pool));
        // Every convolution (twice with BatchNorm) and pool keeps its output, then the logits.
        Assert.Equal(plan.Sum(l => l.Pool || !batchNorm ? 1 : 2) + 1, layers.Count);
    }

    [Fact]
    public void TheLayerValuesOfAVggAndTheCnnAreTheirOutputShapes()
    {
        // VGG-11 on 32 × 32: 64·32², pool 64·16², 128·16², pool 128·8², 256·8² twice, pool 256·4², 512·4² twice,
        // pool 512·2², 512·2² twice, pool 512·1², the 10 logits.
        Assert.Equal([65536, 16384, 32768, 8192, 16384, 16384, 4096, 8192, 8192, 2048, 2048, 2048, 512, 10],
            Vgg.Count(11, 1, false, 3, 32, 32, 10).LayerValues);
        // The CNN on 28 × 28: 32·26², 64·24², pooled 64·12², 400, 10; torch agrees on the parameters.
        var (parameters, layers) = FilterCnn.Count(1, 28, 28, 10);
        Assert.Equal([21632, 36864, 9216, 400, 10], layers);
        using var cnn = new FilterCnn(1, 28, 28, 10);
        Assert.Equal(cnn.ParameterCount, parameters);
        Assert.Equal(new FilterCnn(3, 32, 32, 10).ParameterCount, FilterCnn.Count(3, 32, 32, 10).Parameters);
    }

    [Fact]
    public void AClassifiersBatchNeverCountsMoreRowsThanItsSplitHolds()
    {
        var config = (ClassifyExperimentConfig)ExperimentKinds.Registry.LoadFile(Path.Combine(RepoPaths.Experiments, "fashion-mnist-mlp-filtering.json"));
        IExperimentKind kind = ClassifyExperiment.Instance;
        MemoryNeed Need(int batch) => kind.MemoryNeeds(config with { Training = config.Training with { BatchSize = batch } }).Single(n => n.Key == "training.batchSize");
        int train = config.Data.Train.Count!.Value;
        Assert.Equal(Need(train).Bytes, Need(50_000_000).Bytes);
        Assert.Equal("50000000", Need(50_000_000).Value);
        Assert.Equal(2 * Need(100).Bytes, Need(200).Bytes);
    }

    [Fact]
    public void ActivationsCountEveryLayerTwiceWhenTrainingAndTheWidestLayerOtherwise()
    {
        Assert.Equal(10 * 2 * (1 + 64 + 32 + 1) * 4, MemoryNeed.Activations("k", "10", 10, [1, 64, 32, 1], training: true, "x").Bytes);
        Assert.Equal(10 * 64 * 4, MemoryNeed.Activations("k", "10", 10, [1, 64, 32, 1], training: false, "x").Bytes);
    }

    [Fact]
    public void NeedsAboveTheLimitAreRefusedNamingTheLargestKeyAndItsValue()
    {
        MemoryNeed[] needs = [new("a.b", "7", 3e9, "the a"), new("c", "[1, 2]", 1e9, "the c")];
        MemoryPreflight.Check(needs, (long)4e9);
        var e = Assert.Throws<ConfigException>(() => MemoryPreflight.Check(needs, (long)3.5e9));
        Assert.Equal("$.a.b", e.JsonPath);
        Assert.Equal("7 needs about 3 GB for the a (the run about 4 GB in all), more than the 3.5 GB of memory this machine offers; expected a smaller a.b", e.Problem);
    }

    [Theory]
    [InlineData(999.0, "1 kB")]
    [InlineData(320e6, "320 MB")]
    [InlineData(1.55e9, "1.6 GB")]
    [InlineData(2.5e12, "2.5 TB")]
    public void SizesAreInDecimalUnits(double bytes, string expected) => Assert.Equal(expected, MemoryPreflight.Size(bytes));

    [Fact]
    public void TheMachineLimitIsThePhysicalMemoryOrLess()
    {
        var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        long kib = long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        long limit = MemoryPreflight.MachineLimit();
        Assert.InRange(limit, 1, kib * 1024);
    }

    public static TheoryData<string> ShippedExperiments() =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "experiments"), "*.json")
            .Select(f => Path.GetFileName(f)).Where(f => !f.StartsWith("sweep-", StringComparison.Ordinal)).Order()];

    /// <summary>No shipped experiment is refused on a machine of 4 GiB (the estimates are lower bounds, far below that).</summary>
    [Theory]
    [MemberData(nameof(ShippedExperiments))]
    public void NoShippedExperimentIsRefusedWithFourGibibytes(string file)
    {
        var config = ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Root, "experiments", file));
        var kind = ExperimentKinds.Registry.Find(config.Experiment)!;
        MemoryPreflight.Check(kind.MemoryNeeds(config), 4 * GiB);
    }

    /// <summary>
    /// Per kind, a value that passes the config's rules but cannot fit (each needs hundreds of GB, so that the test holds
    /// on any machine it runs on): refused before anything is made, naming the key.
    /// </summary>
    [Theory]
    [InlineData("fprinciple-1d.json", "data.eval.count=2000000000", "data.eval.count", "2000000000")]
    [InlineData("fprinciple-1d.json", "model.hidden=[100000,100000,100000]", "model.hidden", "[100000, 100000, 100000]")]
    [InlineData("fprinciple-1d.json", "data.train.count=10000000;model.hidden=[2000,2000]", "data.train.count", "10000000")]
    [InlineData("ntk-linearised-vs-training.json", "model.hidden=[30000,30000]", "model.hidden", "[30000, 30000]")]
    [InlineData("parity-10.json", "model.hidden=[200000,200000]", "model.hidden", "[200000, 200000]")]
    [InlineData("ff-uniform.json", "data.points=20000;network.width=1000000", "network.width", "1000000")]
    [InlineData("image-fit-plain.json", "model.hidden=[200000,200000]", "model.hidden", "[200000, 200000]")]
    [InlineData("poisson-1d-jacobi-vs-network.json", "network.hidden=[200000,200000]", "network.hidden", "[200000, 200000]")]
    [InlineData("fashion-mnist-mlp-filtering.json", "model.hidden=[1000000,100000]", "model.hidden", "[1000000, 100000]")]
    [InlineData("cifar10-vgg16-filtering.json", "model.widthMultiplier=16;training.batchSize=5000", "training.batchSize", "5000")]
    public void AValueThatCannotFitIsRefusedByName(string file, string sets, string key, string value)
    {
        var work = RepoPaths.NewTempDirectory("freqscope-preflight");
        try
        {
            var dir = Path.Combine(work, "run");
            string[] args = ["run", Path.Combine(RepoPaths.Root, "experiments", file), .. sets.Split(';').SelectMany(s => new[] { "--set", s }), "--out", dir];
            var (code, text) = CliRunner.Run(args);
            Assert.True(code == CliApp.ExitUsage, $"exit {code}\n{text}");
            // The line naming the run, then the error alone.
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var line = Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
            Assert.Equal(line, lines[^1]);
            Assert.StartsWith($"error: memory preflight: $.{key}: {value} needs about ", line);
            Assert.Contains($"expected a smaller {key}", line);
            Assert.False(Directory.Exists(dir), "a refused run leaves no folder");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
