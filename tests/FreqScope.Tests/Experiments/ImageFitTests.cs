using System.Numerics;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Data;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Spectral;
using FreqScope.Tests.Support;
using FreqScope.Experiments.ImageFit;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class ImageFitTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-image");

    public ImageFitTests() => NativeLoader.EnsureLoaded();

    public void Dispose() => Directory.Delete(_dir, true);

    private static ImageFitExperimentConfig Config(long steps = 100, bool gaussian = true) => new()
    {
        Name = "t",
        Seed = 2,
        Image = new ImageSourceConfig { Size = 16 },
        Model = new ModelConfig
        {
            Hidden = [32, 32],
            Activation = Activation.Relu,
            Encoding = gaussian ? new EncodingConfig { Kind = InputEncodingKind.Gaussian, Features = 32, Scale = 2 } : new EncodingConfig(),
        },
        Training = new ImageFitTrainingConfig { LearningRate = 0.005, Steps = steps, CheckpointEvery = 30 },
        Probe = new ImageFitProbeConfig { Every = 10, Bands = 4, Epsilon = 0.5, Snapshots = 3 },
    };

    private RunResult<ImageFitSummary> Run(ImageFitExperimentConfig config, string name, bool resume = false, bool report = false, CancellationToken? token = null,
        Action<RunProgress>? progress = null) =>
        ImageFitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, name), BuildReport = report, Resume = resume, OnProgress = progress },
            token ?? TestContext.Current.CancellationToken);

    [Fact]
    public void PsnrMatchesAHandComputedValue()
    {
        // Errors 0.1, −0.1, 0, 0: MSE = (0.01 + 0.01) / 4 = 0.005; PSNR = 10 log10(1 / 0.005) = 10 log10 200 = 23.0103 dB.
        double mse = Psnr.MeanSquaredError([0.6, 0.4, 0.5, 1.0], [0.5, 0.5, 0.5, 1.0]);
        Assert.Equal(0.005, mse, 15);
        Assert.Equal(23.010299956639812, Psnr.FromMse(mse), 12);
        Assert.Equal(20, Psnr.FromMse(0.01), 12);
        Assert.Equal(double.PositiveInfinity, Psnr.FromMse(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Psnr.FromMse(-1));
    }

    [Fact]
    public void The2dDftMatchesANaiveDoubleSum()
    {
        const int h = 5, w = 6;
        var rng = new Random(4);
        var x = Enumerable.Range(0, h * w).Select(_ => rng.NextDouble()).ToArray();
        var X = ImageSpectrum.Forward(x, h, w);
        for (int u = 0; u < h; u++)
        {
            for (int v = 0; v < w; v++)
            {
                Complex sum = 0;
                for (int i = 0; i < h; i++)
                    for (int j = 0; j < w; j++)
                        sum += x[i * w + j] * Complex.Exp(new Complex(0, -2 * Math.PI * ((double)u * i / h + (double)v * j / w)));
                sum /= h * w;
                Assert.Equal(sum.Real, X[u * w + v].Real, 12);
                Assert.Equal(sum.Imaginary, X[u * w + v].Imaginary, 12);
            }
        }
    }

    [Fact]
    public void RadialBandsAreAssignedByTheSignedFrequencyRadius()
    {
        // 16 × 16, 4 bands of width 2 over |k| ∈ [0, 8].
        Assert.Equal(0, ImageSpectrum.Band(0, 0, 16, 16, 4)); // DC
        Assert.Equal(0, ImageSpectrum.Band(1, 1, 16, 16, 4)); // |k| = 1.41
        Assert.Equal(1, ImageSpectrum.Band(0, 2, 16, 16, 4)); // |k| = 2
        Assert.Equal(1, ImageSpectrum.Band(0, 14, 16, 16, 4)); // k_v = −2
        Assert.Equal(2, ImageSpectrum.Band(3, 13, 16, 16, 4)); // (3, −3): 4.24
        Assert.Equal(3, ImageSpectrum.Band(8, 0, 16, 16, 4)); // Nyquist, |k| = 8
        Assert.Equal(3, ImageSpectrum.Band(8, 8, 16, 16, 4)); // corner 11.3, capped
        Assert.Equal([0, 2, 4, 6], ImageSpectrum.BandEdges(16, 16, 4));
        var target = ImageSpectrum.Forward(GeneratedImage.Create(16), 16, 16);
        Assert.All(ImageSpectrum.BandRelativeErrors(target, target, 16, 16, 4), e => Assert.Equal(0, e));
        var zero = new Complex[256];
        Assert.All(ImageSpectrum.BandRelativeErrors(zero, target, 16, 16, 4), e => Assert.Equal(1, e, 12));
    }

    [Fact]
    public void TheGeneratedImageIsDeterministicAndInTheUnitInterval()
    {
        var a = GeneratedImage.Create(64);
        Assert.Equal(a, GeneratedImage.Create(64));
        Assert.Equal(64 * 64, a.Length);
        Assert.All(a, v => Assert.InRange(v, 0, 1));
        Assert.True(a.Distinct().Count() > 100);
        Assert.Equal(0.9, a[19 * 64 + 19]); // the disc's centre, (0.3, 0.3)
        Assert.Equal(0.1, a[17 * 64 + 44]); // the dark rectangle
    }

    [Fact]
    public void APgmIsReadAndABadOneIsNamed()
    {
        var path = Path.Combine(_dir, "x.pgm");
        File.WriteAllBytes(path, [.. "P5\n# made by a test\n3 2\n255\n"u8.ToArray(), 0, 51, 102, 153, 204, 255]);
        var (h, w, pixels) = PgmImage.Read(path);
        Assert.Equal((2, 3), (h, w));
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], pixels.Select(p => Math.Round(p, 12)));

        File.WriteAllBytes(path, [.. "P5 3 2 255\n"u8.ToArray(), 1, 2]);
        var e = Assert.Throws<DataFileException>(() => PgmImage.Read(path));
        Assert.Equal($"{path}: truncated; expected 3 × 2 = 6 pixel bytes after the header, found 2", e.Message);
        File.WriteAllText(path, "P2 3 2 255\n0 1 2 3 4 5\n");
        e = Assert.Throws<DataFileException>(() => PgmImage.Read(path));
        Assert.Equal($"{path}: expected a binary PGM starting with \"P5\"; found \"P2\"", e.Message);
        File.WriteAllText(path, "P5 3 2 1000\n");
        e = Assert.Throws<DataFileException>(() => PgmImage.Read(path));
        Assert.Contains("maxval is 1000; expected 1 to 255", e.Message);
    }

    [Fact]
    public void ConfigRoundTripsAndBadValuesNameTheirPath()
    {
        const string json = """
        {
          "experiment": "image-fit", "name": "i-1",
          "image": { "source": "pgm", "path": "pic.pgm" },
          "model": { "hidden": [64], "encoding": { "kind": "positional", "levels": 4, "scale": 8 } },
          "training": { "steps": 300 },
          "probe": { "every": 30, "bands": 5 }
        }
        """;
        var c = ConfigLoader.Parse<ImageFitExperimentConfig>(json, "c.json");
        Assert.Equal(ImageSourceConfig.Pgm, c.Image.Source);
        Assert.Equal("pic.pgm", c.Image.Path);
        Assert.Equal(OptimizerKind.Adam, c.Training.Optimizer);
        Assert.Equal(1e-3, c.Training.LearningRate);
        Assert.Equal(5, c.Probe.Bands);
        var again = ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(c), "again");
        Assert.Equal(c, again);
        var defaults = ConfigLoader.Parse<ImageFitExperimentConfig>("""{ "experiment": "image-fit", "model": { "hidden": [8] } }""", "d.json");
        Assert.Equal(64, defaults.Image.Size);
        Assert.Equal(defaults, ConfigLoader.ParseAny(ConfigLoader.ToJsonAny(defaults), "again"));

        static string Fails(string text) => Assert.Throws<ConfigException>(() => ConfigLoader.ParseAny(text, "c.json")).Message;
        Assert.StartsWith("c.json: $.probe.bands:", Fails("""{ "experiment": "image-fit", "model": { "hidden": [8] }, "probe": { "bands": 1 } }"""));
        Assert.StartsWith("c.json: $.image.size:", Fails("""{ "experiment": "image-fit", "model": { "hidden": [8] }, "image": { "size": 4 } }"""));
        Assert.StartsWith("c.json: $.image.path:", Fails("""{ "experiment": "image-fit", "model": { "hidden": [8] }, "image": { "source": "pgm" } }"""));
        Assert.StartsWith("c.json: $.image.size:", Fails("""{ "experiment": "image-fit", "model": { "hidden": [8] }, "image": { "source": "pgm", "path": "a.pgm", "size": 8 } }"""));
        Assert.StartsWith("c.json: $.probe.every:", Fails("""{ "experiment": "image-fit", "model": { "hidden": [8] }, "training": { "steps": 10 }, "probe": { "every": 11 } }"""));
        Assert.StartsWith("c.json: $.training.learningRate:", Fails("""{ "experiment": "image-fit", "model": { "hidden": [8] }, "training": { "learningRate": 0 } }"""));
        Assert.StartsWith("c.json: $.model:", Fails("""{ "experiment": "image-fit" }"""));
    }

    [Fact]
    public void ATinyRunWritesItsFilesAndImprovesThePsnr()
    {
        var r = Run(Config(), "tiny", report: true);
        Assert.Equal(RunStatus.Finished, r.Status);
        var s = r.Summary!;
        Assert.Equal((16, 16), (s.Height, s.Width));
        Assert.True(s.FinalTestPsnr > s.InitialTestPsnr + 3, $"{s.InitialTestPsnr} → {s.FinalTestPsnr}");
        Assert.True(s.FinalTrainPsnr > s.FinalTestPsnr);
        Assert.Equal(4, s.Bands.Count);
        Assert.NotNull(s.Bands[0].ConvergedAtStep);
        foreach (var file in new[] { "metrics.csv", "bands.csv", "predictions.csv", "image.csv", "summary.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(r.RunDirectory, file)), file);
        var metrics = ImageFitMetricRow.Csv.Read(r.RunDirectory);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => 10L * i), metrics.Select(m => m.Step));
        Assert.Equal(s.FinalTestPsnr, metrics[^1].TestPsnr);
        Assert.Equal(10 * Math.Log10(1 / metrics[^1].TestMse), metrics[^1].TestPsnr, 9);
        Assert.Equal(11 * 4, ImageFitBandRow.Csv.Read(r.RunDirectory).Length);
        var predictions = ImageFitPixelRow.PredictionsCsv.Read(r.RunDirectory);
        Assert.Equal([0L, 50, 100], predictions.Select(p => p.Step).Distinct());
        Assert.Equal(3 * 256, predictions.Length);
        var image = ImageFitPixelRow.ImageCsv.Read(r.RunDirectory);
        Assert.Equal(64, image.Count(p => p.Split == "train"));
        Assert.All(image.Where(p => p.Split == "train"), p => Assert.True(p.I % 2 == 0 && p.J % 2 == 0));
        foreach (var figure in new[] { "images", "psnr", "band-errors" })
            Assert.True(File.Exists(Path.Combine(r.RunDirectory, "plots", figure + ".png")), figure);
        Assert.Contains(s.Verdict, File.ReadAllText(Path.Combine(r.RunDirectory, "report.html")));
        Assert.Equal("image-fit", RunReport.KindOf(r.RunDirectory).Name);
        RunReport.Build(r.RunDirectory);
    }

    [Fact]
    public void AnInterruptedRunResumesToTheSameNumbers()
    {
        var config = Config(steps: 90);
        var whole = Run(config, "whole");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var cut = Run(config, "cut", token: cts.Token, progress: p => { if (p.Step >= 50) cts.Cancel(); });
        Assert.Equal(RunStatus.Interrupted, cut.Status);
        Assert.False(File.Exists(Path.Combine(cut.RunDirectory, "summary.json")));
        Assert.Equal("interrupted", JsonDocument.Parse(File.ReadAllText(Path.Combine(cut.RunDirectory, "manifest.json"))).RootElement.GetProperty("status").GetString());
        var resumed = Run(config, "cut", resume: true);
        Assert.Equal(RunStatus.Finished, resumed.Status);
        foreach (var file in new[] { "metrics.csv", "bands.csv", "predictions.csv", "image.csv" })
            Assert.Equal(File.ReadAllLines(Path.Combine(whole.RunDirectory, file)), File.ReadAllLines(Path.Combine(resumed.RunDirectory, file)));
        Assert.Equal(whole.Summary!.FinalTestPsnr, resumed.Summary!.FinalTestPsnr);
        Assert.Equal(whole.Summary.Bands, resumed.Summary.Bands);
    }

    [Fact]
    public void APgmImageRunsWithItsPathStoredAbsolute()
    {
        var bytes = new byte[12 * 10];
        for (int k = 0; k < bytes.Length; k++) bytes[k] = (byte)(k * 7 % 256);
        File.WriteAllBytes(Path.Combine(_dir, "pic.pgm"), [.. "P5 12 10 255\n"u8.ToArray(), .. bytes]);
        var config = Config(steps: 20) with { Image = new ImageSourceConfig { Source = ImageSourceConfig.Pgm, Size = 0, Path = "pic.pgm" } };
        var r = ImageFitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, "pgm"), BuildReport = false, ConfigDirectory = _dir },
            TestContext.Current.CancellationToken);
        Assert.Equal((10, 12), (r.Summary!.Height, r.Summary.Width));
        var stored = ConfigLoader.Parse<ImageFitExperimentConfig>(File.ReadAllText(Path.Combine(r.RunDirectory, "config.json")), "config.json");
        Assert.Equal(Path.Combine(_dir, "pic.pgm"), stored.Image.Path);

        var missing = config with { Image = config.Image with { Path = "nope.pgm" } };
        var e = Assert.Throws<ConfigException>(() => ImageFitExperiment.Run(missing, new RunOptions { RunDirectory = Path.Combine(_dir, "missing"), ConfigDirectory = _dir },
            TestContext.Current.CancellationToken));
        Assert.Contains("$.image.path", e.Message);
        Assert.Contains("nope.pgm", e.Message);
    }

    [Fact]
    public void ASweepOverSeedsRecordsThePsnrs()
    {
        var json = ConfigLoader.ToJsonAny(ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, "image-fit-plain.json")));
        var spec = SweepSpec.Parse(ConfigJson.Set(json, "sweep", """{ "values": { "seed": [0, 1] } }"""), "image-sweep.json");
        var result = SweepRunner.Run(spec, new SweepRunOptions { OutputDirectory = Path.Combine(_dir, "sweep"), Smoke = true, BuildReport = false },
            TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Finished, result.Status);
        foreach (var member in result.Manifest.Members)
        {
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "sweep", member.Name, "summary.json")));
            Assert.Equal(summary.RootElement.GetProperty("finalTestPsnr").GetDouble(), member.Metrics["finalTestPsnr"]);
        }

        Assert.Contains("finalTrainPsnr", result.Manifest.Metrics);
    }

    public static TheoryData<string> ExperimentFiles() =>
        new(Directory.GetFiles(RepoPaths.Experiments, "*.json")
            .Where(f => !SweepSpec.IsSweepFile(f) && ConfigLoader.LoadAnyFile(f) is ImageFitExperimentConfig).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public void EveryImageFitExperimentFileRunsInSmokeMode(string file)
    {
        var config = ImageFitExperiment.Smoke((ImageFitExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, file)));
        var r = ImageFitExperiment.Run(config, new RunOptions { RunDirectory = Path.Combine(_dir, file), Smoke = true },
            TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Finished, r.Status);
        Assert.Equal(config.Training.Steps, r.StepsCompleted);
        Assert.True(File.Exists(Path.Combine(r.RunDirectory, "report.html")));
        Assert.True(double.IsFinite(r.Summary!.FinalTestPsnr));
    }

    [Fact]
    public void TheShippedFilesCompareAPlainMlpWithGaussianFeatures()
    {
        var plain = (ImageFitExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, "image-fit-plain.json"));
        var gaussian = (ImageFitExperimentConfig)ConfigLoader.LoadAnyFile(Path.Combine(RepoPaths.Experiments, "image-fit-gaussian-encoding.json"));
        Assert.Equal(InputEncodingKind.None, plain.Model.Encoding.Kind);
        Assert.Equal(InputEncodingKind.Gaussian, gaussian.Model.Encoding.Kind);
        Assert.Equal(plain with { Name = gaussian.Name, Model = plain.Model with { Encoding = gaussian.Model.Encoding } }, gaussian);
    }
}
