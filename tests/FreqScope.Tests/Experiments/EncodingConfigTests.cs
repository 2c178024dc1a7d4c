using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Spectral;
using FreqScope.Experiments.Fit1d;
using static TorchSharp.torch;

namespace FreqScope.Tests.Experiments;

/// <summary>model.encoding: Tancik et al.'s input encodings for the fit1d (and ntk) MLP.</summary>
[Collection(TorchCollection.Name)]
public sealed class EncodingConfigTests
{
    public EncodingConfigTests() => NativeLoader.EnsureLoaded();

    [Theory]
    [InlineData("""{ "kind": "none" }""", InputEncodingKind.None, 0, 0, 0.0)]
    [InlineData("""{ "kind": "basic" }""", InputEncodingKind.Basic, 0, 0, 0.0)]
    [InlineData("""{ "kind": "positional", "levels": 6, "scale": 10 }""", InputEncodingKind.Positional, 6, 0, 10.0)]
    [InlineData("""{ "kind": "gaussian", "features": 64, "scale": 2.5 }""", InputEncodingKind.Gaussian, 0, 64, 2.5)]
    public void EveryKindReadsAndRoundTrips(string raw, InputEncodingKind kind, int levels, int features, double scale)
    {
        var c = FitExperiment.Parse(ConfigJson.With("model.encoding", raw), "c.json");
        Assert.Equal(new EncodingConfig { Kind = kind, Levels = levels, Features = features, Scale = scale }, c.Model.Encoding);
        var json = FitExperiment.ToJson(c);
        Assert.Equal(c, FitExperiment.Parse(json, "again"));
        Assert.Equal(json, FitExperiment.ToJson(FitExperiment.Parse(json, "again")));
    }

    [Fact]
    public void TheDefaultIsNoEncoding()
    {
        var c = FitExperiment.Parse(ConfigJson.Minimal, "c.json");
        Assert.Equal(InputEncodingKind.None, c.Model.Encoding.Kind);
        Assert.Contains("\"encoding\": {\n      \"kind\": \"none\"\n    }", FitExperiment.ToJson(c), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "kind": "basic", "scale": 2 }""", "$.model.encoding.scale", "applies to kind \"positional\" and \"gaussian\", not \"basic\"")]
    [InlineData("""{ "kind": "gaussian", "scale": 2 }""", "$.model.encoding.features", "missing")]
    [InlineData("""{ "kind": "gaussian", "features": 0, "scale": 2 }""", "$.model.encoding.features", "an integer between 1 and 100000")]
    [InlineData("""{ "kind": "positional", "levels": 4, "scale": 0 }""", "$.model.encoding.scale", "a number > 0")]
    [InlineData("""{ "kind": "fourier" }""", "$.model.encoding.kind", "\"fourier\" is not allowed")]
    public void BadEncodingsAreRejectedWithTheirPath(string raw, string where, string message)
    {
        var e = Assert.Throws<ConfigException>(() => FitExperiment.Parse(ConfigJson.With("model.encoding", raw), "c.json"));
        Assert.Contains(where, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AFitRunTrainsTheEncodedNetworkItsConfigDescribes()
    {
        var config = FitExperiment.LoadDefault() with
        {
            Seed = 5,
            Model = FitExperiment.LoadDefault().Model with { Hidden = [16], Encoding = new EncodingConfig { Kind = InputEncodingKind.Gaussian, Features = 8, Scale = 1.5 } },
            Training = FitExperiment.LoadDefault().Training with { Steps = 20 },
            Probe = FitExperiment.LoadDefault().Probe with { Every = 10 },
        };
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var result = FitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(dir, "run"), BuildReport = false }, TestContext.Current.CancellationToken);
            Assert.Equal(RunStatus.Finished, result.Status);
            Assert.NotNull(result.Summary!.Theory!.Skipped);
            Assert.Contains("gaussian encoding", result.Summary.Theory.Skipped);

            // An independently built EncodedMlp: B from SplitMix64(seed), the MLP from torch's generator seeded the same way.
            manual_seed(5);
            using var net = new EncodedMlp(InputEncoding.Gaussian(1, 8, 1.5, 5), 1, [16], 1, config.Model.Activation);
            Initializer.Apply(net.Mlp, config.Model.WeightInit, config.Model.BiasInit);
            var rows = File.ReadLines(Path.Combine(result.RunDirectory, "outputs.csv")).Skip(1).Select(l => l.Split(',')).Where(c => c[0] == "0").ToList();
            Assert.Equal(101, rows.Count);
            var x = rows.Select(r => (float)double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
            double[] expected;
            using (no_grad())
            using (NewDisposeScope())
                expected = net.forward(tensor(x).reshape(x.Length, 1)).reshape(-1).to(float64).data<double>().ToArray();
            for (int i = 0; i < rows.Count; i++) Assert.Equal(expected[i], double.Parse(rows[i][3], CultureInfo.InvariantCulture), 6);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
