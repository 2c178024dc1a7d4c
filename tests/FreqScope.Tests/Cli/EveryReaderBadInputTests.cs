using System.Text;
using System.Text.Json.Nodes;
using FreqScope.Core.Runs;
using FreqScope.Tests.Data;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Cli;

/// <summary>
/// A damaged, wrong or endless file for every reader the command line has (IDX images and labels, raw and gzipped;
/// CIFAR-10 batches and their tar.gz; PGM images; CSV targets; config and sweep JSON; the files of a run folder that
/// <c>report</c> and <c>run --resume</c> read), each given to the command line in a process of its own whose .NET
/// heap is capped at <see cref="HeapLimitBytes"/>. Each must end with one error line that names the file and says
/// what is wrong, a non-zero exit, no stack frame, no .NET type name and no raw control character, well within the
/// time limit, without reaching the cap, and without a folder that says finished.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class EveryReaderBadInputTests : IDisposable
{
    /// <summary>The .NET heap a case may use (<c>DOTNET_GCHeapHardLimit</c>): reading past it is an out-of-memory error, which fails the case.</summary>
    public const long HeapLimitBytes = 384L << 20;

    private static readonly string Experiments = RepoPaths.Experiments;
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-readers");

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>What a case gets: its own folder; what it returns: the arguments, the file that must be named, and what the error must say.</summary>
    private delegate (string[] Args, string File, string Says) Setup(string dir);

    private const string TrainImages = "train-images-idx3-ubyte";
    private const string TrainLabels = "train-labels-idx1-ubyte";
    private const string CifarBatch = "cifar-10-batches-bin/data_batch_1.bin";

    private static byte[] Idx(int[] dims, int dataBytes, byte type = 0x08) => TestDataFiles.Idx(dims, new byte[dataBytes], type);

    /// <summary>Fashion-MNIST in <paramref name="dir"/> (60 + 30 raw IDX files) with <paramref name="name"/> replaced by <paramref name="content"/>.</summary>
    private static (string[] Args, string File, string Says) Idx(string dir, string name, byte[]? content, string says)
    {
        var (images, labels) = TestDataFiles.Digits(60, 28, 28);
        var (testImages, testLabels) = TestDataFiles.Digits(30, 28, 28);
        File.WriteAllBytes(Path.Combine(dir, TrainImages), images);
        File.WriteAllBytes(Path.Combine(dir, TrainLabels), labels);
        File.WriteAllBytes(Path.Combine(dir, "t10k-images-idx3-ubyte"), testImages);
        File.WriteAllBytes(Path.Combine(dir, "t10k-labels-idx1-ubyte"), testLabels);
        var path = Path.Combine(dir, name);
        if (File.Exists(path)) File.Delete(path);
        if (content is not null) File.WriteAllBytes(path, content);
        return ([.. ClassifyArgs("fashion-mnist-mlp-filtering.json", dir)], path, says);
    }

    private static IEnumerable<string> ClassifyArgs(string file, string dir) =>
        ["run", Path.Combine(Experiments, file), "--smoke", "--no-report", "--data", dir, "--out", Path.Combine(dir, "out"),
         "--set", "data.train.count=50", "--set", "data.test.count=20", "--set", "device=cpu"];

    /// <summary>CIFAR-10 batches (20 + 20 records) in <paramref name="dir"/>/cifar-10-batches-bin with data_batch_1.bin replaced.</summary>
    private static (string[] Args, string File, string Says) Cifar(string dir, byte[] batch1, string says)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dir, "cifar-10-batches-bin")).FullName;
        for (int b = 2; b <= 5; b++) File.WriteAllBytes(Path.Combine(folder, $"data_batch_{b}.bin"), TestDataFiles.CifarBatch(20));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), TestDataFiles.CifarBatch(20));
        File.WriteAllBytes(Path.Combine(dir, CifarBatch), batch1);
        return ([.. CifarArgs(dir)], Path.Combine(dir, CifarBatch), says);
    }

    private static string[] CifarArgs(string dir) =>
        ["run", Path.Combine(Experiments, "cifar10-cnn-filtering.json"), "--smoke", "--no-report", "--data", dir, "--out", Path.Combine(dir, "out"),
         "--set", "data.train.count=50", "--set", "data.test.count=20", "--set", "device=cpu", "--epochs", "1"];

    /// <summary>cifar-10-binary.tar.gz in <paramref name="dir"/>, written by <paramref name="write"/>.</summary>
    private static (string[] Args, string File, string Says) CifarArchive(string dir, Action<string> write, string says)
    {
        var archive = Path.Combine(dir, "cifar-10-binary.tar.gz");
        write(archive);
        return (CifarArgs(dir), archive, says);
    }

    private static IEnumerable<(string Name, byte[] Content)> CifarEntries(int skip = 0) =>
        Enumerable.Range(1, 5).Select(b => ($"cifar-10-batches-bin/data_batch_{b}.bin", TestDataFiles.CifarBatch(20)))
            .Append(("cifar-10-batches-bin/test_batch.bin", TestDataFiles.CifarBatch(20))).SkipLast(skip);

    /// <summary>A gzip file of <paramref name="head"/> followed by <paramref name="zeros"/> zero bytes, written in chunks.</summary>
    private static void GzipWithZeros(string path, byte[] head, long zeros)
    {
        using var file = File.Create(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
        gzip.Write(head);
        var chunk = new byte[1 << 20];
        for (long left = zeros; left > 0; left -= chunk.Length) gzip.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
    }

    /// <summary>An image-fit config reading the PGM <paramref name="pgm"/>, beside it.</summary>
    private static (string[] Args, string File, string Says) Pgm(string dir, string pgm, byte[]? content, string says)
    {
        if (content is not null) File.WriteAllBytes(pgm, content);
        var config = Path.Combine(dir, "image.json");
        File.WriteAllText(config, new JsonObject
        {
            ["experiment"] = "image-fit", ["name"] = "image",
            ["image"] = new JsonObject { ["source"] = "pgm", ["path"] = pgm },
            ["model"] = new JsonObject { ["hidden"] = new JsonArray(8) },
            ["training"] = new JsonObject { ["steps"] = 4 },
            ["probe"] = new JsonObject { ["every"] = 2, ["bands"] = 2 },
        }.ToJsonString());
        return (["run", config, "--no-report", "--out", Path.Combine(dir, "out")], pgm, says);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>A fit1d config whose target is the CSV <paramref name="csv"/>.</summary>
    private static (string[] Args, string File, string Says) Csv(string dir, string csv, byte[]? content, string says)
    {
        if (content is not null) File.WriteAllBytes(csv, content);
        var config = Path.Combine(dir, "csv.json");
        File.WriteAllText(config, new JsonObject
        {
            ["target"] = new JsonObject { ["kind"] = "csv", ["csvPath"] = csv },
            ["data"] = new JsonObject { ["domain"] = new JsonArray(0, 1), ["train"] = new JsonObject { ["count"] = 11 } },
            ["model"] = new JsonObject { ["hidden"] = new JsonArray(4) },
            ["training"] = new JsonObject { ["steps"] = 4 },
        }.ToJsonString());
        return (["run", config, "--no-report", "--out", Path.Combine(dir, "out")], csv, says);
    }

    /// <summary>A config file (or sweep file, with <paramref name="command"/> sweep) holding <paramref name="content"/>.</summary>
    private static (string[] Args, string File, string Says) Config(string dir, byte[] content, string says, string command = "run")
    {
        var config = Path.Combine(dir, "config.json");
        File.WriteAllBytes(config, content);
        return ([command, config, "--out", Path.Combine(dir, "out")], config, says);
    }

    /// <summary>A finished smoke run of the default config in <paramref name="dir"/>/run.</summary>
    private static string FinishedRun(string dir)
    {
        var run = Path.Combine(dir, "run");
        var (code, text) = CliRunner.Run("run", Path.Combine(Experiments, "fprinciple-1d.json"), "--smoke", "--no-report", "--out", run);
        Assert.True(code == 0, text);
        return run;
    }

    /// <summary>The finished run with <paramref name="file"/> damaged, given to <c>report</c>.</summary>
    private static (string[] Args, string File, string Says) Report(string dir, string file, byte[] content, string says)
    {
        var run = FinishedRun(dir);
        File.WriteAllBytes(Path.Combine(run, file), content);
        return (["report", run], file, says);
    }

    /// <summary>The run, marked interrupted, with <paramref name="file"/> damaged, given to <c>run --resume</c>.</summary>
    private static (string[] Args, string File, string Says) Resume(string dir, string file, byte[] content, string says)
    {
        var run = FinishedRun(dir);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run, RunFolder.ManifestFile)))!;
        manifest["status"] = "interrupted";
        File.WriteAllText(Path.Combine(run, RunFolder.ManifestFile), manifest.ToJsonString());
        File.WriteAllBytes(Path.Combine(run, file), content);
        // A damaged model or optimizer file is named by its checkpoint folder and its part.
        return (["run", "--resume", run, "--no-report"], Path.Combine(run, file.EndsWith(".bin", StringComparison.Ordinal) ? Checkpoint.FolderName : file), says);
    }

    private static readonly Dictionary<string, Setup> Cases = new()
    {
        // IDX images and labels (Fashion-MNIST, MNIST)
        ["idx empty"] = d => Idx(d, TrainImages, [], "is 0 bytes long"),
        ["idx short header"] = d => Idx(d, TrainImages, [0, 0, 8], "is 3 bytes long"),
        ["idx bad magic"] = d => Idx(d, TrainImages, Ascii("garbage-garbage-garbage"), "magic number 0x67617262 is not an IDX image file"),
        ["idx labels file as images"] = d => Idx(d, TrainImages, Idx([60], 60), "magic number 0x00000801 is not an IDX image file"),
        ["idx float type"] = d => Idx(d, TrainImages, Idx([60, 28, 28], 16, 0x0D), "magic number 0x00000D03"),
        ["idx truncated data"] = d => Idx(d, TrainImages, Idx([60, 28, 28], 100), "the file is truncated: dimensions 60×28×28 call for 47040 data bytes"),
        ["idx trailing bytes"] = d => Idx(d, TrainImages, Idx([60, 28, 28], 47042), "2 extra bytes after the 47040 data bytes"),
        ["idx 2^31 images"] = d => Idx(d, TrainImages, Idx([int.MaxValue, 28, 28], 100), "hold more than 2147483591 values"),
        ["idx 2 million images announced"] = d => Idx(d, TrainImages, Idx([2_000_000, 28, 28], 100), "the file is truncated: dimensions 2000000×28×28"),
        ["idx zero images"] = d => Idx(d, TrainImages, Idx([0, 28, 28], 0), "dimension 0 is 0; expected a positive size"),
        ["idx label count"] = d => Idx(d, TrainLabels, Idx([59], 59), "holds 59 labels but"),
        ["idx label range"] = d => Idx(d, TrainLabels, TestDataFiles.Idx([60], [.. Enumerable.Repeat((byte)200, 60)]), "label 200 of item 0 (0-based) is out of range; expected 0 to 9"),
        ["idx test image size"] = d => Idx(d, "t10k-images-idx3-ubyte", Idx([30, 27, 27], 30 * 27 * 27), "images are 1×27×27; expected 1×28×28"),
        ["idx a folder"] = d =>
        {
            var c = Idx(d, TrainImages, null, "is a folder; expected the IDX file");
            Directory.CreateDirectory(c.File);
            return c;
        },
        ["idx endless device"] = d =>
        {
            var c = Idx(d, TrainImages, null, "magic number 0x00000000 is not an IDX image file");
            File.CreateSymbolicLink(c.File, "/dev/zero");
            return c;
        },
        ["idx gzip truncated"] = d => Idx(d, TrainImages + ".gz", TestDataFiles.Gzip(Idx([60, 28, 28], 47040))[..200], "the gzip stream is corrupt or truncated"),
        ["idx gzip garbage"] = d => Idx(d, TrainImages + ".gz", [0x1F, 0x8B, 0x08, 0x00, .. Ascii("no deflate data follows here, only text")], "the gzip stream is corrupt or truncated"),
        ["idx gzip bomb"] = d =>
        {
            var c = Idx(d, TrainImages, null, "it decompresses to more than the 47056 bytes its IDX header announces");
            c.File += ".gz";
            GzipWithZeros(c.File, Idx([60, 28, 28], 0), 1L << 30);
            return c;
        },

        // CIFAR-10 batches and archive
        ["cifar empty batch"] = d => Cifar(d, [], "the file is empty; expected a positive multiple of 3073 bytes"),
        ["cifar batch length"] = d => Cifar(d, [.. TestDataFiles.CifarBatch(20), 1, 2, 3], "is not a multiple of 3073"),
        ["cifar label range"] = d => Cifar(d, TestDataFiles.CifarBatch(20, labelOffset: 0).Select((b, i) => i == 0 ? (byte)10 : b).ToArray(), "has label 10; expected 0 to 9"),
        ["cifar endless batch"] = d =>
        {
            var c = Cifar(d, [], "holds more than 30730000 bytes; expected a CIFAR-10 batch file");
            File.Delete(c.File);
            File.CreateSymbolicLink(c.File, "/dev/zero");
            return c;
        },
        ["cifar archive not gzip"] = d => CifarArchive(d, a => File.WriteAllBytes(a, Ascii("not a gzip file")), "the archive is corrupt or truncated"),
        ["cifar archive truncated"] = d => CifarArchive(d, a =>
        {
            TestDataFiles.WriteTarGz(a, CifarEntries());
            var bytes = File.ReadAllBytes(a);
            File.WriteAllBytes(a, bytes[..(bytes.Length / 2)]);
        }, "the archive is corrupt or truncated"),
        ["cifar archive lacks a batch"] = d => CifarArchive(d, a => TestDataFiles.WriteTarGz(a, CifarEntries(skip: 1)), "the archive lacks test_batch.bin"),
        ["cifar archive 3 GiB entry"] = d => CifarArchive(d, a => File.WriteAllBytes(a, TestDataFiles.Gzip([.. TestDataFiles.TarHeader(CifarBatch, 3L << 30), .. new byte[1024]])),
            $"its entry {CifarBatch} is {3L << 30} bytes; expected a CIFAR-10 batch file of at most 30730000 bytes"),
        ["cifar archive bomb"] = d => CifarArchive(d, a => GzipWithZeros(a, TestDataFiles.TarHeader(CifarBatch, 1L << 30), 1L << 30),
            $"its entry {CifarBatch} is {1L << 30} bytes; expected a CIFAR-10 batch file of at most 30730000 bytes"),

        // PGM images (image-fit)
        ["pgm empty"] = d => Pgm(d, Path.Combine(d, "a.pgm"), [], "the header ends before the magic number P5"),
        ["pgm P6"] = d => Pgm(d, Path.Combine(d, "a.pgm"), [.. Ascii("P6\n4 4\n255\n"), .. new byte[48]], "expected a binary PGM starting with \"P5\"; found \"P6\""),
        ["pgm 16-bit"] = d => Pgm(d, Path.Combine(d, "a.pgm"), [.. Ascii("P5\n4 4\n65535\n"), .. new byte[32]], "maxval is 65535; expected 1 to 255"),
        ["pgm zero width"] = d => Pgm(d, Path.Combine(d, "a.pgm"), Ascii("P5\n0 4\n255\n"), "the width is \"0\"; expected an integer between 1 and 65535"),
        ["pgm words"] = d => Pgm(d, Path.Combine(d, "a.pgm"), Ascii("P5\nfour 4\n255\n"), "the width is \"four\""),
        ["pgm truncated"] = d => Pgm(d, Path.Combine(d, "a.pgm"), [.. Ascii("P5\n16 16\n255\n"), .. new byte[100]], "truncated; expected 16 × 16 = 256 pixel bytes after the header, found 100"),
        ["pgm 65535 squared"] = d => Pgm(d, Path.Combine(d, "a.pgm"), [.. Ascii("P5\n65535 65535\n255\n"), .. new byte[100]], "65535 × 65535 = 4294836225 pixels; expected at most 67108864"),
        ["pgm missing"] = d => Pgm(d, Path.Combine(d, "none.pgm"), null, "file not found"),
        ["pgm a folder"] = d => Pgm(d, Directory.CreateDirectory(Path.Combine(d, "folder.pgm")).FullName, null, "is a folder; expected a binary PGM image"),
        ["pgm endless device"] = d => Pgm(d, "/dev/zero", null, "expected a binary PGM starting with \"P5\"; found \"\\x00"),

        // CSV targets (fit1d target.kind csv)
        ["csv empty"] = d => Csv(d, Path.Combine(d, "t.csv"), [], "the file is empty; expected a header line with columns \"x\" and \"y\""),
        ["csv no y column"] = d => Csv(d, Path.Combine(d, "t.csv"), Ascii("x\n0\n1\n"), "no column \"y\" in the header; columns: x"),
        ["csv short row"] = d => Csv(d, Path.Combine(d, "t.csv"), Ascii("x,y\n0,1\n0.5\n1,0\n"), ":3: 1 field(s), expected at least 2"),
        ["csv not a number"] = d => Csv(d, Path.Combine(d, "t.csv"), Ascii("x,y\n0,1\n0.5,abc\n1,0\n"), ":3: \"abc\" in column \"y\" is not a finite number"),
        ["csv NaN"] = d => Csv(d, Path.Combine(d, "t.csv"), Ascii("x,y\n0,1\n0.5,NaN\n1,0\n"), ":3: \"NaN\" in column \"y\" is not a finite number"),
        ["csv repeated x"] = d => Csv(d, Path.Combine(d, "t.csv"), Ascii("x,y\n0,1\n0,2\n1,0\n"), ":3: x = 0 appears again (first on line 2)"),
        ["csv one sample"] = d => Csv(d, Path.Combine(d, "t.csv"), Ascii("x,y\n0,1\n"), "1 sample(s); at least 2 are needed"),
        ["csv narrow range"] = d => Csv(d, Path.Combine(d, "t.csv"), Ascii("x,y\n0.2,1\n0.7,0\n"), "the samples cover x in [0.2, 0.7], which does not contain the domain [0, 1]"),
        ["csv binary"] = d => Csv(d, Path.Combine(d, "t.csv"), [.. Ascii("x,y\n\x1B[2J"), 0, 1, 2], "holds binary data (a zero byte at offset 8); expected a CSV text file"),
        ["csv control characters"] = d => Csv(d, Path.Combine(d, "t.csv"), Ascii("\x1B[31mx\x07,y\n"), "no column \"x\" in the header; columns: \\x1B[31mx\\x07, y"),
        ["csv endless device"] = d => Csv(d, "/dev/zero", null, "the file holds more than 64 MiB; expected a CSV table of samples"),
        ["csv a folder"] = d => Csv(d, Directory.CreateDirectory(Path.Combine(d, "t.csv")).FullName, null, "is a folder; expected a CSV file"),
        ["csv missing"] = d => Csv(d, Path.Combine(d, "none.csv"), null, "file not found"),

        // Config and sweep JSON
        ["config empty"] = d => Config(d, [], "invalid JSON at line 1, position 1"),
        ["config truncated"] = d => Config(d, Ascii("{ \"experiment\": \"fit1d\", "), "invalid JSON at line 1"),
        ["config an array"] = d => Config(d, Ascii("[1, 2]"), "$: [1, 2] has the wrong type; expected an object"),
        ["config binary"] = d => Config(d, [0x00, 0x1B, 0xFF, 0xFE, 0x07], "invalid JSON at line 1, position 1"),
        ["config nested 10000 deep"] = d => Config(d, Ascii(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)), "invalid JSON at line 1"),
        ["config huge number"] = d => Config(d, Ascii(System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(Experiments, "fprinciple-1d.json")), "\"steps\": \\d+", "\"steps\": 1e400")),
            "$.training.steps: 1e400 is out of range; expected a finite integer"),
        ["config duplicate key"] = d => Config(d, Ascii("{ \"seed\": 1, \"seed\": 2 }"), "$.seed"),
        ["config 20 MiB"] = d => Config(d, Ascii("{ \"name\": \"" + new string('a', 20 << 20) + "\" }"), "the file holds more than 16 MiB"),
        ["sweep file without a sweep"] = d => Config(d, Ascii("{ \"experiment\": \"fit1d\" }"), "sweep", "sweep"),
        ["sweep file truncated"] = d => Config(d, Ascii("{ \"sweep\": { \"seed\": [1, 2"), "invalid JSON", "sweep"),

        // The files of a run folder, read by report and run --resume
        ["report metrics.csv"] = d => Report(d, "metrics.csv", [0, 1, .. Ascii("garbage{")], "expected header \"step,train_loss,test_loss\", found \"\\x00\\x01garbage{\""),
        ["report summary.json"] = d => Report(d, "summary.json", Ascii("{ \"final"), "invalid JSON"),
        ["report manifest.json"] = d => Report(d, "manifest.json", Ascii("[]"), "manifest.json"),
        ["report config.json"] = d => Report(d, "config.json", Ascii("garb{"), "config.json line 1: invalid JSON"),
        ["resume manifest.json"] = d => Resume(d, "manifest.json", Ascii("garbage{"), "not a readable manifest"),
        ["resume config.json"] = d => Resume(d, "config.json", Ascii("garbage{"), "invalid JSON at line 1, position 1"),
        ["resume state.json"] = d => Resume(d, "checkpoint/state.json", Ascii("garbage{"), "the checkpoint is not valid JSON"),
        ["resume model.bin"] = d => Resume(d, "checkpoint/model.bin", Ascii("garbage"), "cannot resume, its \"model\" part cannot be read"),
        ["resume optimizer.bin"] = d => Resume(d, "checkpoint/optimizer.bin", Ascii("garbage"), "cannot resume, its \"optimizer\" part cannot be read"),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void ADamagedFileGetsOneErrorLineNamingItWithinTheMemoryBound(string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, name.Replace(' ', '-').Replace('^', '-').Replace('.', '-'))).FullName;
        var (args, file, says) = Cases[name](dir);
        var (code, output) = CliRunner.RunProcess(
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x" + HeapLimitBytes.ToString("X") }, TimeSpan.FromSeconds(120), args);
        string context = $"{name}: exit {code}\n{output}";
        Assert.True(code is not 0 and not 137, context);
        var errors = output.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.DoesNotContain("out of memory", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", output);
        Assert.DoesNotMatch(@"System\.[A-Z]\w*(\.\w+)*Exception|Unhandled exception", output);
        Assert.DoesNotMatch(@"[\x00-\x08\x0B-\x1F\x7F]", output.Replace("\r\n", "\n"));
        foreach (var manifest in Directory.GetFiles(dir, RunFolder.ManifestFile, SearchOption.AllDirectories))
        {
            if (args[0] == "report") continue;
            Assert.NotEqual(RunStatus.Finished, RunFolder.TryReadManifest(Path.GetDirectoryName(manifest)!)?.Status);
        }
    }
}
