using System.Globalization;
using System.Text;
using System.Text.Json;
using FreqScope.Cli;
using FreqScope.Core.Runs;
using FreqScope.Tests.Golden;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Core;

/// <summary>
/// The TensorBoard event files a run writes, read back with a reader of this test's own (TFRecord framing with its
/// masked CRC-32C checks, then the Event and Summary protobufs by hand): every scalar equals its table's value at its
/// step, every row of the declared columns is there once, a spectrum's scalars are its peaks only, and
/// <c>--no-tensorboard</c> writes none.
/// </summary>
public sealed class TensorBoardTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDirectory("freqscope-tb");

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, string, string, string, string> Cases() => new()
    {
        // config, table, step column, key column (or ""), one value column whose every row must appear
        { "fprinciple-1d.json", "metrics.csv", "step", "", "train_loss" },
        { "fashion-mnist-mlp-filtering.json", "filtering.csv", "epoch", "delta", "e_low" },
        { "poisson-1d-hybrid.json", "errors.csv", "iteration", "method", "error_inf" },
        { "ntk-linearised-vs-training.json", "trajectory.csv", "step", "", "discrepancy" },
        { "parity-10.json", "bands.csv", "step", "band", "relative_error" },
        { "image-fit-plain.json", "metrics.csv", "step", "", "test_psnr" },
        { "ff-gaussian.json", "loss.csv", "step", "", "loss" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryScalarEqualsItsTable(string file, string table, string stepColumn, string key, string column)
    {
        string run = SmokeRun(file, tensorBoard: true);
        var scalars = ReadEvents(run);
        Assert.NotEmpty(scalars);

        // Every scalar, whatever its table, is one of the run's table values at its step.
        string[] lines = File.ReadAllLines(Path.Combine(run, table));
        string[] header = lines[0].Split(',');
        int s = Array.IndexOf(header, stepColumn), v = Array.IndexOf(header, column);
        string stem = Path.GetFileNameWithoutExtension(table);
        int[] keyColumns = key.Length == 0 ? [] : [Array.IndexOf(header, key)];
        int expected = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            string tag = keyColumns.Length == 0 ? $"{stem}/{column}" : $"{stem}/{column}/{string.Join("/", keyColumns.Select(i => $"{header[i]}={f[i]}"))}";
            int step = int.Parse(f[s], CultureInfo.InvariantCulture);
            float value = (float)Parse(f[v]);
            Assert.True(scalars.TryGetValue((tag, step), out var written), $"{file}: no scalar {tag} at step {step}");
            Assert.Equal(value, Assert.Single(written));
            expected++;
        }

        Assert.Equal(expected, scalars.Count(k => k.Key.Tag.StartsWith($"{stem}/{column}", StringComparison.Ordinal) && (k.Key.Tag.Length == stem.Length + 1 + column.Length || k.Key.Tag[stem.Length + 1 + column.Length] == '/')));
    }

    [Fact]
    public void ASpectrumStreamsItsPeaksOnly()
    {
        string run = SmokeRun("fprinciple-1d.json", tensorBoard: true);
        var scalars = ReadEvents(run);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunFolder.SummaryFile)));
        var peaks = summary.RootElement.GetProperty("peaks").EnumerateArray().Select(p => p.GetProperty("index").GetInt32()).Order().ToArray();
        var streamed = scalars.Keys.Where(k => k.Tag.StartsWith("spectra/delta_complex/k=", StringComparison.Ordinal))
            .Select(k => int.Parse(k.Tag["spectra/delta_complex/k=".Length..], CultureInfo.InvariantCulture)).Distinct().Order().ToArray();

        Assert.Equal([1, 3, 5], peaks);
        Assert.Equal(peaks, streamed);
        foreach (string line in File.ReadAllLines(Path.Combine(run, "spectra.csv")).Skip(1))
        {
            string[] f = line.Split(',');
            if (!peaks.Contains(int.Parse(f[1], CultureInfo.InvariantCulture))) continue;
            Assert.Equal((float)Parse(f[5]), scalars[($"spectra/delta_complex/k={f[1]}", int.Parse(f[0], CultureInfo.InvariantCulture))].Single());
        }
    }

    [Fact]
    public void NoTensorBoardWritesNone()
    {
        string run = SmokeRun("fprinciple-1d.json", tensorBoard: false);

        Assert.False(Directory.Exists(Path.Combine(run, TensorBoardCallback.FolderName)));
        Assert.True(File.Exists(Path.Combine(run, "metrics.csv")));
    }

    [Fact]
    public void EveryEnsembleMemberStreamsItsOwnTables()
    {
        string work = Path.Combine(_dir, "ensemble");
        var (config, _) = GoldenRunTests.PrepareConfig("sweep-seeds-1d.json", work);
        string output = Path.Combine(work, "out");
        var (code, text) = CliRunner.Run("sweep", config, "--smoke", "--no-report", "--out", output);
        Assert.True(code == CliApp.ExitOk, text);

        // The members trained as one stacked network (the group folder holds its checkpoint).
        Assert.NotEmpty(Directory.GetDirectories(output, ".ensemble-*"));
        string[] members = [.. Directory.GetDirectories(output, "sweep-seeds-1d-*").Order(StringComparer.Ordinal)];
        Assert.Equal(4, members.Length);
        foreach (string member in members)
        {
            var scalars = ReadEvents(member);
            string[] rows = [.. File.ReadAllLines(Path.Combine(member, "metrics.csv")).Skip(1)];
            Assert.Equal(rows.Length, scalars.Keys.Count(k => k.Tag == "metrics/train_loss"));
            foreach (string[] f in rows.Select(r => r.Split(',')))
                Assert.Equal((float)Parse(f[1]), Assert.Single(scalars[("metrics/train_loss", int.Parse(f[0], CultureInfo.InvariantCulture))]));
        }
    }

    [Fact]
    public void TheReportsHeatmapsGoInAsImagesAtTheLastStep()
    {
        // SmokeRuns.Run leaves the report out; a run that builds it adds its heatmaps.
        string withReport = Path.Combine(_dir, "images-report");
        var (config, _) = GoldenRunTests.PrepareConfig("fprinciple-1d.json", withReport);
        string output = Path.Combine(withReport, "out");
        var (code, text) = CliRunner.Run("run", config, "--smoke", "--out", output);
        Assert.True(code == CliApp.ExitOk, text);

        var images = ReadImages(output);
        long last = File.ReadAllLines(Path.Combine(output, "metrics.csv")).Skip(1).Max(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture));
        Assert.Equal(["figures/all-k-heatmap", "figures/peaks-heatmap"], images.Keys.Select(k => k.Tag).Order(StringComparer.Ordinal));
        Assert.All(images, i =>
        {
            Assert.Equal(last, i.Key.Step);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], i.Value[..4]);
        });
    }

    [Fact]
    public void TheConfigKeyTurnsItOff()
    {
        string output = SmokeRuns.Run(Path.Combine(_dir, "key-off"), "fprinciple-1d.json", "--set", "tensorboard=false");

        Assert.False(Directory.Exists(Path.Combine(output, TensorBoardCallback.FolderName)));
        Assert.Contains("\"tensorboard\": false", File.ReadAllText(Path.Combine(output, RunFolder.ConfigFile)));
    }

    [Fact]
    public void TheCrcIsCastagnolis()
    {
        // CRC-32C of "123456789" is 0xE3069283 (the check value of the Castagnoli polynomial).
        Assert.Equal(0xE3069283u, Crc32C(Encoding.ASCII.GetBytes("123456789")));
    }

    private static double Parse(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private string SmokeRun(string file, bool tensorBoard) => tensorBoard
        ? SmokeRuns.Run(Path.Combine(_dir, Path.GetFileNameWithoutExtension(file)), file)
        : SmokeRuns.Run(Path.Combine(_dir, Path.GetFileNameWithoutExtension(file) + "-off"), file, "--no-tensorboard");

    /// <summary>Every image value (its encoded bytes) in the event file under RUN_DIR/tensorboard, by tag and step.</summary>
    private static Dictionary<(string Tag, long Step), byte[]> ReadImages(string run)
    {
        var images = new Dictionary<(string, long), byte[]>();
        foreach (byte[] data in Records(run))
        {
            long step = Fields(data).Where(f => f.Field == 2 && f.Wire == 0).Select(f => (long)f.Value).FirstOrDefault();
            foreach (var summary in Fields(data).Where(f => f.Field == 5 && f.Wire == 2))
                foreach (var value in Fields(summary.Payload!).Where(f => f.Field == 1 && f.Wire == 2))
                {
                    var parts = Fields(value.Payload!).ToList();
                    string? tag = parts.Where(f => f.Field == 1 && f.Wire == 2).Select(f => Encoding.UTF8.GetString(f.Payload!)).FirstOrDefault();
                    // Summary.Value.image (field 4): Image.encoded_image_string (field 4).
                    byte[]? encoded = parts.Where(f => f.Field == 4 && f.Wire == 2)
                        .SelectMany(f => Fields(f.Payload!).Where(g => g.Field == 4 && g.Wire == 2).Select(g => g.Payload!)).FirstOrDefault();
                    if (tag is not null && encoded is not null) images[(tag, step)] = encoded;
                }
        }

        return images;
    }

    /// <summary>The records of the one event file under RUN_DIR/tensorboard, each framing and CRC checked.</summary>
    private static IEnumerable<byte[]> Records(string run)
    {
        string[] files = Directory.GetFiles(Path.Combine(run, TensorBoardCallback.FolderName), "events.out.tfevents.*", SearchOption.AllDirectories);
        byte[] bytes = File.ReadAllBytes(Assert.Single(files));
        int at = 0;
        while (at < bytes.Length)
        {
            ulong length = BitConverter.ToUInt64(bytes, at);
            Assert.Equal(Masked(Crc32C(bytes.AsSpan(at, 8))), BitConverter.ToUInt32(bytes, at + 8));
            byte[] data = bytes.AsSpan(at + 12, (int)length).ToArray();
            Assert.Equal(Masked(Crc32C(data)), BitConverter.ToUInt32(bytes, at + 12 + (int)length));
            at += 16 + (int)length;
            yield return data;
        }
    }

    /// <summary>Every simple-value scalar in the event files under RUN_DIR/tensorboard, by tag and step.</summary>
    private static Dictionary<(string Tag, long Step), List<float>> ReadEvents(string run)
    {
        var scalars = new Dictionary<(string, long), List<float>>();
        string dir = Path.Combine(run, TensorBoardCallback.FolderName);
        string[] files = Directory.GetFiles(dir, "events.out.tfevents.*", SearchOption.AllDirectories);
        Assert.Single(files);
        byte[] bytes = File.ReadAllBytes(files[0]);
        int at = 0;
        bool version = false;
        while (at < bytes.Length)
        {
            // TFRecord: uint64 length, uint32 masked CRC of the length, the data, uint32 masked CRC of the data.
            ulong length = BitConverter.ToUInt64(bytes, at);
            Assert.Equal(Masked(Crc32C(bytes.AsSpan(at, 8))), BitConverter.ToUInt32(bytes, at + 8));
            var data = bytes.AsSpan(at + 12, (int)length);
            Assert.Equal(Masked(Crc32C(data)), BitConverter.ToUInt32(bytes, at + 12 + (int)length));
            at += 16 + (int)length;

            long step = 0;
            foreach (var (field, wire, value, payload) in Fields(data.ToArray()))
            {
                if (field == 2 && wire == 0) step = (long)value;
                if (field == 3 && wire == 2) version = Encoding.UTF8.GetString(payload!) == "brain.Event:2";
            }

            foreach (var (field, wire, _, payload) in Fields(data.ToArray()))
            {
                if (field != 5 || wire != 2) continue;
                foreach (var (vf, vw, _, valuePayload) in Fields(payload!))
                {
                    if (vf != 1 || vw != 2) continue;
                    string? tag = null;
                    float? simple = null;
                    foreach (var (f, w, raw, p) in Fields(valuePayload!))
                    {
                        if (f == 1 && w == 2) tag = Encoding.UTF8.GetString(p!);
                        if (f == 2 && w == 5) simple = BitConverter.Int32BitsToSingle((int)raw);
                    }

                    if (tag is not null && simple is float x)
                    {
                        if (!scalars.TryGetValue((tag, step), out var list)) scalars[(tag, step)] = list = [];
                        list.Add(x);
                    }
                }
            }
        }

        Assert.True(version, "the first event names the file version brain.Event:2");
        return scalars;
    }

    /// <summary>The fields of a protobuf message: number, wire type, the varint or fixed value, and a length-delimited payload.</summary>
    private static IEnumerable<(int Field, int Wire, ulong Value, byte[]? Payload)> Fields(byte[] message)
    {
        int at = 0;
        while (at < message.Length)
        {
            ulong key = Varint(message, ref at);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    yield return (field, wire, Varint(message, ref at), null);
                    break;
                case 1:
                    yield return (field, wire, BitConverter.ToUInt64(message, at), null);
                    at += 8;
                    break;
                case 2:
                    int n = (int)Varint(message, ref at);
                    yield return (field, wire, 0, message[at..(at + n)]);
                    at += n;
                    break;
                case 5:
                    yield return (field, wire, BitConverter.ToUInt32(message, at), null);
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wire}");
            }
        }
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    private static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xa282ead8u;

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }

        return ~crc;
    }
}
