using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FreqScope.Spectral;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Bench;

/// <summary>
/// The filtering method's low-pass step for one δ in streaming mode (<see cref="GaussianFilter"/> with no kernel
/// cache): n×d float32 inputs uniform in [0, 1) (image-like), m value columns ~ N(0, 1), seed 0. The timed region
/// covers the filter's construction (squared norms) and one <see cref="GaussianFilter.LowPass"/>, after an untimed
/// warm-up on the first min(n, 2000) rows. The floor is the distance products' 2·n²·d flops at the measured matmul
/// rate; the peer (bench/peers/filter_step.py) runs the same operations with the same block size and thread count.
/// </summary>
public static class FilterBench
{
    /// <summary>Runs the case on both sides and prints the comparison; returns the exit code.</summary>
    public static int Run(FilterBenchOptions o, Device device, string deviceName, int threads, string python, bool noPeer, string? jsonOut)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"filtering step: n = {o.N}, d = {o.D}, m = {o.M}, δ = {o.Delta} (variance), streaming (no kernel cache)"));
        double gflops = BenchApp.MatmulRate(device);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"libtorch float32 matmul rate (2048², {threads} threads): {gflops:F1} GFLOP/s"));

        var (seconds, blockRows) = Measure(o, device);
        double floor = 2.0 * o.N * o.N * o.D / (gflops * 1e9);
        var (peer, peerNote) = noPeer ? (null, "PyTorch peer skipped (--no-peer).") : RunPeer(python, deviceName, threads, o with { BlockRows = blockRows });

        Console.WriteLine();
        Console.WriteLine($"{"case",-28} {"FreqScope s",12} {"floor s",9} {"time/floor",11} {"PyTorch s",10} {"ratio (FS/PT)",14}");
        string name = $"filter-{o.N}x{o.D}-m{o.M}";
        string pt = peer is double p ? p.ToString("F2", CultureInfo.InvariantCulture) : "-";
        string ratio = peer is double q ? (seconds / q).ToString("F3", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine($"{name,-28} {seconds,12:F2} {floor,9:F2} {seconds / floor,11:F2} {pt,10} {ratio,14}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {2.0 * o.N * o.N * o.D / seconds / 1e9:F1} GFLOP/s of distance products, {floor / seconds:P0} of the measured matmul rate"));
        Console.WriteLine($"block {blockRows} rows; {peerNote}");
        if (jsonOut is not null)
        {
            File.WriteAllText(jsonOut, JsonSerializer.Serialize(new
            {
                device = deviceName, threads, o.N, o.D, o.M, o.Delta, blockRows, matmulGflops = gflops,
                freqScopeSeconds = seconds, floorSeconds = floor, fractionOfMatmulRate = floor / seconds, pytorchSeconds = peer, peerNote,
            }, new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    /// <summary>Seconds for construction plus one low-pass call, and the block size the filter chose.</summary>
    public static (double Seconds, int BlockRows) Measure(FilterBenchOptions o, Device device)
    {
        manual_seed(0);
        using var x = rand(o.N, o.D, device: device);
        using var y = randn(o.N, o.M, device: device);
        int warm = Math.Min(o.N, 2000);
        using (var xw = x.narrow(0, 0, warm))
        using (var yw = y.narrow(0, 0, warm))
        using (var warmFilter = new GaussianFilter(xw, [o.Delta], 0, o.BlockRows == 0 ? 0 : Math.Min(o.BlockRows, warm)))
        {
            foreach (var t in warmFilter.LowPass(yw)) t.Dispose();
        }

        BenchApp.Synchronize(device);
        var sw = Stopwatch.StartNew();
        using var filter = new GaussianFilter(x, [o.Delta], 0, o.BlockRows);
        var lows = filter.LowPass(y);
        BenchApp.Synchronize(device);
        double seconds = sw.Elapsed.TotalSeconds;
        foreach (var t in lows) t.Dispose();
        return (seconds, filter.BlockRows);
    }

    private static (double?, string) RunPeer(string python, string device, int threads, FilterBenchOptions o)
    {
        var script = BenchApp.FindPeerScript("filter_step.py");
        if (script is null) return (null, "PyTorch peer: bench/peers/filter_step.py not found; no ratio.");
        string[] args =
        [
            "--n", o.N.ToString(CultureInfo.InvariantCulture), "--d", o.D.ToString(CultureInfo.InvariantCulture),
            "--m", o.M.ToString(CultureInfo.InvariantCulture), "--delta", o.Delta.ToString("R", CultureInfo.InvariantCulture),
            "--block", o.BlockRows.ToString(CultureInfo.InvariantCulture), "--device", device,
            "--threads", threads.ToString(CultureInfo.InvariantCulture),
        ];
        var (exit, stdout, stderr, error) = BenchApp.RunPython(python, script, args);
        if (error is not null) return (null, $"PyTorch peer unavailable ({python}: {error}); no ratio.");
        if (exit != 0) return (null, $"PyTorch peer unavailable ({python} exited {exit}: {stderr.Trim().Split('\n').LastOrDefault()}); no ratio.");
        using var doc = JsonDocument.Parse(stdout.Trim().Split('\n').Last());
        var root = doc.RootElement;
        return (root.GetProperty("seconds").GetDouble(),
            $"PyTorch peer: torch {root.GetProperty("torch").GetString()} via {python}, same operations, block size and thread count ({root.GetProperty("threads").GetInt32()}).");
    }
}
