using System.Text.Json.Nodes;
using FreqScope.Cli;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Golden;

/// <summary>
/// Golden runs: for each experiment kind, shipped configs run in smoke mode on the CPU with their own seed, through
/// the command line, and every data file of the run folder is compared by hash with the digest recorded in
/// <c>Golden/runs/</c> (see <see cref="RunDigest"/> for what is normalised). They lock the numbers and file formats
/// while the code that produces them moves. Float results depend on the CPU's kernels, so the digests are compared
/// only on the kind of CPU they were recorded on (<c>Golden/runs/cpu.txt</c>); elsewhere the test is skipped, with
/// the reason. A run that differs is run once more before the test fails, since the first probe row of a run can
/// differ in its last digits about once in forty fresh runs (a known nondeterminism at step 0). The report is then
/// built from the data and its figure names and captions are compared with <c>Golden/runs/NAME.captions.txt</c>.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class GoldenRunTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-golden");

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string> Cases() =>
    [
        "fprinciple-1d.json",
        "fprinciple-1d-gaussian-encoding.json",
        "rahaman-spectral-dynamics.json",
        "fashion-mnist-mlp-filtering.json",
        "fashion-mnist-cnn-projection.json",
        "fashion-mnist-mlp-paths.json",
        "cifar10-cnn-filtering.json",
        "poisson-1d-hybrid.json",
        "poisson-2d-hybrid.json",
        "ff-gaussian.json",
        "pde-vs-network.json",
        "ntk-linearised-vs-training.json",
        "parity-10.json",
        "image-fit-plain.json",
        "image-fit-gaussian-encoding.json",
        "sweep-seeds-1d.json",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ASmokeRunWritesTheRecordedData(string file)
    {
        var cpu = GoldenFile.CpuSignature();
        var recordedOn = GoldenFile.Read("runs/cpu.txt")?.Trim();
        if (GoldenFile.Updating) File.WriteAllText(Path.Combine(GoldenFile.Folder, "runs", "cpu.txt"), cpu + "\n");
        else if (recordedOn != cpu) Assert.Skip($"the golden runs were recorded on \"{recordedOn}\"; this CPU is \"{cpu}\" (record them here with FREQSCOPE_UPDATE_GOLDEN=1)");

        var golden = $"runs/{Path.GetFileNameWithoutExtension(file)}.txt";
        var (digest, captions) = Run(file, "a");
        GoldenFile.Check($"runs/{Path.GetFileNameWithoutExtension(file)}.captions.txt", captions);
        if (!GoldenFile.Updating && GoldenFile.Read(golden) is { } expected && expected != digest)
        {
            var (again, _) = Run(file, "b");
            Assert.True(again == expected, $"{file}: the run differs from the recorded one twice; first: {GoldenFile.FirstDifference(expected, digest)}; second: {GoldenFile.FirstDifference(expected, again)}");
            return;
        }

        GoldenFile.Check(golden, digest);
    }

    /// <summary>Runs <paramref name="file"/> in smoke mode into a fresh folder; returns its digest and its reports' figure captions.</summary>
    private (string Digest, string Captions) Run(string file, string attempt)
    {
        var work = Path.Combine(_dir, Path.GetFileNameWithoutExtension(file) + "-" + attempt);
        var (config, sweep) = PrepareConfig(file, work);
        var replacements = new List<(string, string)> { (work, "<WORK>"), (RepoPaths.Root, "<REPO>") };
        var output = Path.Combine(work, "out");
        var (code, text) = Cli(sweep ? "sweep" : "run", config, "--smoke", "--no-report", "--out", output);
        Assert.True(code == CliApp.ExitOk, $"{file}: exit {code}\n{text}");
        var digest = RunDigest.Of(output, replacements);
        (code, text) = Cli("report", output);
        Assert.True(code == CliApp.ExitOk, $"{file}: report exit {code}\n{text}");
        var captions = new System.Text.StringBuilder();
        foreach (var report in Directory.GetFiles(output, "report.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            captions.Append(Path.GetRelativePath(output, report).Replace('\\', '/')).Append('\n');
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(report), "<figure id=\"([^\"]+)\">.*?<figcaption>(.*?)</figcaption>", System.Text.RegularExpressions.RegexOptions.Singleline))
                captions.Append(m.Groups[1].Value).Append(": ").Append(m.Groups[2].Value).Append('\n');
        }

        return (digest, captions.ToString());
    }

    /// <summary>
    /// Writes the shipped <paramref name="file"/> into <paramref name="work"/> as a golden run uses it: a classify
    /// config gets a synthetic dataset of its kind beside it, named in the config (not given as --data, so the run is
    /// the file's own). Returns the config's path and whether it is a sweep.
    /// </summary>
    internal static (string Config, bool Sweep) PrepareConfig(string file, string work)
    {
        Directory.CreateDirectory(work);
        var source = Path.Combine(RepoPaths.Experiments, file);
        var root = JsonNode.Parse(File.ReadAllText(source), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        if (root["experiment"]?.GetValue<string>() == "classify")
        {
            var data = Path.Combine(work, "data");
            var dataset = root["data"]!["dataset"]!.GetValue<string>();
            if (dataset == "cifar10") SyntheticImages.WriteCifar(data, trainPerBatch: 120, testCount: 250);
            else SyntheticImages.WriteIdx(data, trainCount: 600, testCount: 250);
            root["data"]!["dir"] = data;
        }

        var config = Path.Combine(work, file);
        File.WriteAllText(config, root.ToJsonString());
        return (config, root.ContainsKey("sweep"));
    }

    private static (int Code, string Output) Cli(params string[] args) => CliRunner.Run(args);
}
