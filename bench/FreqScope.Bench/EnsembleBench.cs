using System.Globalization;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Training;
using FreqScope.Experiments.Fit1d;
using static TorchSharp.torch;

namespace FreqScope.Bench;

/// <summary>
/// <c>--ensemble</c>: µs per training step of K = 1, 8, 64 members of the default network (1-200-200-200-100-1 tanh,
/// 101 points, full-batch Adam) trained as one <see cref="EnsembleTrainer"/> step, against K sequential single-network
/// steps (FreqScope's <see cref="FitTrainer"/>), K sequential eager PyTorch steps (<c>bench/peers/ensemble_step.py</c>),
/// and the per-member arithmetic floor (matmul flops at libtorch's measured rate).
/// </summary>
public static class EnsembleBench
{
    /// <summary>Handles BenchApp's <c>--ensemble</c> switch: returns null when it is absent, else the exit code.</summary>
    public static int? RunIfRequested(string[] args, Device dev, string device, int threads, string python, bool noPeer, string? jsonOut) =>
        args.Contains("--ensemble") ? Run(dev, device, threads, python, noPeer, jsonOut, args.Contains("--quick")) : null;

    /// <summary>Times the cases and prints the table (and writes JSON when asked).</summary>
    public static int Run(Device dev, string device, int threads, string python, bool noPeer, string? jsonOut, bool quick)
    {
        int[] hidden = [200, 200, 200, 100];
        var baseCase = new BenchCase("default-200x3-100", hidden, 101, 0);
        double gflops = BenchApp.MatmulRate(dev);
        double floorPerMember = baseCase.Flops / (gflops * 1e9) * 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"libtorch float32 matmul rate (2048², {threads} threads): {gflops:F1} GFLOP/s; per-member floor {floorPerMember:F1} us/step"));
        double single = BenchApp.MeasureStep(baseCase with { Steps = quick ? 100 : 500 }, dev);
        int[] sizes = [1, 8, 64];
        var ours = sizes.ToDictionary(k => k, k => MeasureEnsemble(k, hidden, 101, Math.Max(5, (quick ? 100 : 500) / k), dev));
        var peer = new Dictionary<string, double>();
        string note = "PyTorch peer skipped (--no-peer).";
        if (!noPeer)
        {
            var script = BenchApp.FindPeerScript("ensemble_step.py");
            if (script is null) note = "bench/peers/ensemble_step.py not found; no peer.";
            else
            {
                var (exit, stdout, stderr, error) = BenchApp.RunPython(python, script,
                    ["--device", device, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--sizes", string.Join(',', sizes), "--steps", quick ? "100" : "500"]);
                if (error is not null || exit != 0) note = $"PyTorch peer unavailable ({python}: {error ?? stderr.Trim().Split('\n').LastOrDefault()}); no ratio.";
                else
                {
                    string version = "?";
                    foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        using var doc = JsonDocument.Parse(line);
                        var r = doc.RootElement;
                        peer[r.GetProperty("case").GetString()!] = r.GetProperty("us_per_step").GetDouble();
                        version = r.GetProperty("torch").GetString()!;
                    }

                    note = $"PyTorch peer: torch {version} via {python}, same thread count ({threads}); sequential = K models and K Adams stepped one after another; bmm = one stacked model.";
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"K",4} {"ensemble us/step",17} {"K x FreqScope",14} {"K x PyTorch",12} {"PyTorch bmm",12} {"ens/(K FS)",11} {"ens/(K PT)",11} {"us/member",10} {"member/floor",13}");
        var rows = new List<object>();
        foreach (int k in sizes)
        {
            double ens = ours[k];
            double kfs = k * single;
            double? kpt = peer.TryGetValue($"sequential-{k}", out double p) ? p : null;
            double? bmm = peer.TryGetValue($"bmm-{k}", out double q) ? q : null;
            string F(double? v) => v is double d ? d.ToString("F0", CultureInfo.InvariantCulture) : "-";
            string R(double? v) => v is double d ? (ens / d).ToString("F3", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"{k,4} {ens,17:F0} {kfs,14:F0} {F(kpt),12} {F(bmm),12} {ens / kfs,11:F3} {R(kpt),11} {ens / k,10:F1} {ens / k / floorPerMember,13:F2}");
            rows.Add(new { members = k, ensembleUsPerStep = ens, sequentialFreqScopeUsPerStep = kfs, sequentialPytorchUsPerStep = kpt, bmmPytorchUsPerStep = bmm, floorUsPerMemberStep = floorPerMember });
        }

        Console.WriteLine(note);
        if (jsonOut is not null)
            File.WriteAllText(jsonOut, JsonSerializer.Serialize(new { device, threads, matmulGflops = gflops, singleUsPerStep = single, cases = rows, note }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>µs per ensemble step of <paramref name="members"/> copies of the network (seeds 0 … K−1, N(0, 1/200) init, Adam 2e-4).</summary>
    public static double MeasureEnsemble(int members, int[] hidden, int points, int steps, Device dev)
    {
        var x = Enumerable.Range(0, points).Select(i => -Math.PI + 2 * Math.PI * i / (points - 1)).ToArray();
        var y = x.Select(v => Math.Sin(v) + Math.Sin(3 * v) + Math.Sin(5 * v)).ToArray();
        var init = new InitConfig { Distribution = InitDistribution.Normal, Std = Math.Pow(200, -0.5) };
        var model = new ModelConfig { Hidden = hidden, WeightInit = init, BiasInit = init };
        var training = new FitTrainingConfig { Optimizer = OptimizerKind.Adam, LearningRate = 2e-4 };
        using var ensemble = new EnsembleMlp([.. Enumerable.Repeat(model, members)], [.. Enumerable.Range(0, members).Select(i => (long)i)], 1, dev);
        using var trainer = new EnsembleTrainer(ensemble, [x], [y], [.. Enumerable.Repeat(training, members)], dev);
        for (int i = 0; i < 20; i++) trainer.Step();
        BenchApp.Synchronize(dev);
        return BenchApp.MedianMicroseconds(() => trainer.Step(), Math.Max(1, steps / 5), dev);
    }
}
