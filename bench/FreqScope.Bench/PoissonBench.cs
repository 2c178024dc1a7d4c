using System.Globalization;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Solvers;
using FreqScope.Training;
using FreqScope.Experiments.Poisson;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Bench;

/// <summary>
/// The two costs a poisson run's wall-time comparison rests on, next to peers doing identical work on the same
/// machine and thread count (bench/peers/poisson_step.py):
/// <list type="bullet">
/// <item>a plain Jacobi sweep (<see cref="Relaxation"/>), in ns per unknown, 1-D with 3000 intervals and 2-D with
/// 384 × 384, against NumPy's sliced update with preallocated buffers;</item>
/// <item>one Adam step of the network solver (<see cref="PdeTrainer"/>: tanh 32-32, residual loss with the Laplacian
/// by autograd, the experiments' point counts), in µs, against the same step in PyTorch.</item>
/// </list>
/// Each figure is the median of five timed chunks after a warm-up, on both sides.
/// </summary>
public static class PoissonBench
{
    private static readonly string[] Cases = ["jacobi-1d-3000", "jacobi-2d-384", "pde-1d", "pde-2d"];

    /// <summary>Runs every case on both sides and prints the comparison; returns the exit code.</summary>
    public static int Run(Device device, string deviceName, int threads, string python, bool noPeer, string? jsonOut)
    {
        var ours = new Dictionary<string, double>
        {
            ["jacobi-1d-3000"] = JacobiNsPerUnknown(new PoissonGrid(1, 0, 2, 3000), 20_000),
            ["jacobi-2d-384"] = JacobiNsPerUnknown(new PoissonGrid(2, 0, 1, 384), 500),
            ["pde-1d"] = PdeUsPerStep(1, device, 500),
            ["pde-2d"] = PdeUsPerStep(2, device, 250),
        };
        var (peer, peerNote) = noPeer ? ([], "Peer skipped (--no-peer).") : RunPeer(python, threads);
        Console.WriteLine();
        Console.WriteLine($"{"case",-16} {"unit",-12} {"FreqScope",10} {"peer",10} {"ratio (FS/peer)",16}  peer");
        var rows = new List<object>();
        foreach (var c in Cases)
        {
            string unit = c.StartsWith("jacobi", StringComparison.Ordinal) ? "ns/unknown" : "us/step";
            string peerName = c.StartsWith("jacobi", StringComparison.Ordinal) ? "NumPy" : "PyTorch";
            string pt = peer.TryGetValue(c, out double p) ? p.ToString("F2", CultureInfo.InvariantCulture) : "-";
            string ratio = peer.ContainsKey(c) ? (ours[c] / p).ToString("F3", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"{c,-16} {unit,-12} {ours[c],10:F2} {pt,10} {ratio,16}  {peerName}");
            rows.Add(new { Case = c, unit, freqScope = ours[c], peer = peer.TryGetValue(c, out double q) ? q : (double?)null, peerName });
        }

        Console.WriteLine(peerNote);
        if (jsonOut is not null)
            File.WriteAllText(jsonOut, JsonSerializer.Serialize(new { device = deviceName, threads, cases = rows, peerNote }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>Nanoseconds per unknown per plain Jacobi sweep on <paramref name="grid"/> (g = a smooth source).</summary>
    public static double JacobiNsPerUnknown(PoissonGrid grid, int sweeps)
    {
        var rhs = grid.Dimension == 1
            ? grid.Sample(x => Math.Sin(x) + 4 * Math.Sin(4 * x))
            : grid.Sample((x, y) => Math.Sin(Math.PI * x) * Math.Sin(Math.PI * y));
        var relaxation = new Relaxation(grid, rhs, RelaxationKind.Jacobi, 1, new double[grid.Unknowns]);
        relaxation.Run(Math.Max(20, sweeps / 100));
        int per = Math.Max(1, sweeps / 5);
        return BenchApp.MedianMicroseconds(() => relaxation.Run(per), 1, CPU) * 1000.0 / per / grid.Unknowns;
    }

    /// <summary>Microseconds per Adam step of the network solver with the experiments' settings.</summary>
    public static double PdeUsPerStep(int dimension, Device device, int steps)
    {
        manual_seed(0);
        using var model = new Mlp(dimension, [32, 32], 1, Activation.Tanh);
        model.to(device);
        var config = new PdeNetworkConfig { Collocation = new CollocationConfig { Count = dimension == 1 ? 128 : 400 }, BoundaryPoints = dimension == 1 ? 2 : 256 };
        Func<double, double, double> g = dimension == 1
            ? (x, _) => Math.Sin(x) + 4 * Math.Sin(4 * x)
            : (x, y) => Math.Sin(Math.PI * x) * Math.Sin(Math.PI * y);
        using var trainer = new PdeTrainer(model, config, dimension, 0, dimension == 1 ? 2 : 1, g, 0, device);
        for (int i = 0; i < 50; i++) trainer.Step();
        BenchApp.Synchronize(device);
        return BenchApp.MedianMicroseconds(trainer.Step, Math.Max(1, steps / 5), device);
    }

    private static (Dictionary<string, double>, string) RunPeer(string python, int threads)
    {
        var script = BenchApp.FindPeerScript("poisson_step.py");
        if (script is null) return ([], "Peer: bench/peers/poisson_step.py not found; no ratio.");
        var args = new List<string> { "--threads", threads.ToString(CultureInfo.InvariantCulture) };
        foreach (var c in Cases) { args.Add("--case"); args.Add(c); }
        var (exit, stdout, stderr, error) = BenchApp.RunPython(python, script, args);
        if (error is not null) return ([], $"Peer unavailable ({python}: {error}); no ratio.");
        if (exit != 0) return ([], $"Peer unavailable ({python} exited {exit}: {stderr.Trim().Split('\n').LastOrDefault()}); no ratio.");
        var result = new Dictionary<string, double>();
        string versions = "?";
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            result[root.GetProperty("case").GetString()!] = root.TryGetProperty("ns_per_unknown", out var ns) ? ns.GetDouble() : root.GetProperty("us_per_step").GetDouble();
            versions = $"NumPy {root.GetProperty("numpy").GetString()}, PyTorch {root.GetProperty("torch").GetString()}";
        }

        return (result, $"Peer: {python} bench/peers/poisson_step.py ({versions}), {threads} threads; the network step runs on the CPU there.");
    }
}
