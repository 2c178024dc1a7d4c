using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Training;
using FreqScope.Experiments.Fit1d;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Bench;

/// <summary>
/// Microseconds per training step for the default network, for width 1000 and for 20 001 points, next to a
/// PyTorch script doing identical work (bench/peers/train_step.py) on the same machine and thread count; and the
/// spectral probe's overhead as a fraction of training time.
/// The step time is also set against its arithmetic floor: the layers' matrix-product flops at libtorch's own
/// measured matmul rate on the same device and thread count.
/// With --scaling it times steps over widths and point counts (see <see cref="ScalingBench"/>). With --filter it times the filtering method's low-pass step instead (see <see cref="FilterBench"/>), with
/// --poisson the Jacobi sweep and the network solver's step (see <see cref="PoissonBench"/>).
/// Usage: FreqScope.Bench [--device cpu|cuda] [--threads N] [--python PATH] [--no-peer] [--quick] [--json FILE] [--poisson] [--scaling]
///        [--filter [--filter-n N] [--filter-d D] [--filter-m M] [--filter-delta DELTA] [--filter-block ROWS]]
/// </summary>
public static class BenchApp
{
    public static int Run(string[] args)
    {
        string device = "cpu";
        string? python = null;
        string? jsonOut = null;
        int threads = Environment.ProcessorCount;
        bool quick = false, noPeer = false, filter = false, poisson = false, scaling = false;
        var filterOptions = new FilterBenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--device": device = Next(); break;
                case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--python": python = Next(); break;
                case "--json": jsonOut = Next(); break;
                case "--quick": quick = true; break;
                case "--no-peer": noPeer = true; break;
                case "--filter": filter = true; break;
                case "--poisson": poisson = true; break;
                case "--scaling": scaling = true; break;
                case "--ensemble": break; // EnsembleBench.RunIfRequested
                case "--filter-n": filterOptions = filterOptions with { N = PositiveInt(args[i], Next()) }; break;
                case "--filter-d": filterOptions = filterOptions with { D = PositiveInt(args[i], Next()) }; break;
                case "--filter-m": filterOptions = filterOptions with { M = PositiveInt(args[i], Next()) }; break;
                case "--filter-delta": filterOptions = filterOptions with { Delta = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--filter-block": filterOptions = filterOptions with { BlockRows = PositiveInt(args[i], Next()) }; break;
                default:
                    Console.Error.WriteLine($"unknown argument \"{args[i]}\"; expected --device cpu|cuda, --threads N, --python PATH, --no-peer, --quick, --json FILE, "
                        + "--filter, --poisson, --scaling, --filter-n N, --filter-d D, --filter-m M, --filter-delta DELTA, --filter-block ROWS");
                    return 2;
            }
        }
        if (device is not ("cpu" or "cuda")) { Console.Error.WriteLine($"--device \"{device}\" is not allowed; expected cpu or cuda"); return 2; }

        var load = NativeLoader.EnsureLoaded();
        torch.set_num_threads(threads);
        var dev = DeviceSelector.Resolve(device);
        if (EnsembleBench.RunIfRequested(args, dev, device, threads, python ?? FindPython(), noPeer, jsonOut) is int ensembleExit) return ensembleExit;
        if (scaling)
        {
            Console.WriteLine($"FreqScope {VersionInfo.FreqScope}, TorchSharp {VersionInfo.TorchSharp}, libtorch {VersionInfo.LibTorch}; device {device}; {threads} threads; {load.Path}");
            return ScalingBench.Run(dev, device, threads, quick, jsonOut);
        }

        if (poisson)
        {
            Console.WriteLine($"FreqScope {VersionInfo.FreqScope}, TorchSharp {VersionInfo.TorchSharp}, libtorch {VersionInfo.LibTorch}; device {device}; {threads} threads; {load.Path}");
            return PoissonBench.Run(dev, device, threads, python ?? FindPython(), noPeer, jsonOut);
        }

        if (filter)
        {
            Console.WriteLine($"FreqScope {VersionInfo.FreqScope}, TorchSharp {VersionInfo.TorchSharp}, libtorch {VersionInfo.LibTorch}; device {device}; {threads} threads; {load.Path}");
            return FilterBench.Run(filterOptions, dev, device, threads, python ?? FindPython(), noPeer, jsonOut);
        }

        int scale = quick ? 10 : 1;
        var cases = new[]
        {
            new BenchCase("default-200x3-100", [200, 200, 200, 100], 101, 2000 / scale),
            new BenchCase("width-1000x4", [1000, 1000, 1000, 1000], 101, device == "cuda" ? 2000 / scale : 200 / scale),
            new BenchCase("points-20001", [200, 200, 200, 100], 20001, device == "cuda" ? 2000 / scale : 40 / scale),
        };
        Console.WriteLine($"FreqScope {VersionInfo.FreqScope}, TorchSharp {VersionInfo.TorchSharp}, libtorch {VersionInfo.LibTorch}; device {device}; {threads} threads; {load.Path}");

        double gflops = MatmulRate(dev);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"libtorch float32 matmul rate (2048², {threads} threads): {gflops:F1} GFLOP/s"));
        var ours = cases.ToDictionary(c => c.Name, c => MeasureStep(c, dev));
        python ??= FindPython();
        var (peer, peerNote) = noPeer ? ([], "PyTorch peer skipped (--no-peer).") : RunPeer(python, device, threads, cases);
        Console.WriteLine();
        Console.WriteLine($"{"case",-20} {"FreqScope us/step",18} {"floor us/step",14} {"step/floor",11} {"PyTorch us/step",16} {"ratio (FS/PT)",14}");
        var rows = new List<object>();
        foreach (var c in cases)
        {
            double us = ours[c.Name];
            string pt = peer.TryGetValue(c.Name, out double p) ? p.ToString("F1", CultureInfo.InvariantCulture) : "-";
            string ratio = peer.ContainsKey(c.Name) ? (us / p).ToString("F3", CultureInfo.InvariantCulture) : "-";
            double floor = c.Flops / (gflops * 1e9) * 1e6;
            Console.WriteLine($"{c.Name,-20} {us,18:F1} {floor,14:F1} {us / floor,11:F2} {pt,16} {ratio,14}");
            rows.Add(new { c.Name, freqScopeUsPerStep = us, floorUsPerStep = floor, pytorchUsPerStep = peer.TryGetValue(c.Name, out double q) ? q : (double?)null });
        }
        Console.WriteLine(peerNote);

        var (overhead, trainSec, probedSec) = ProbeOverhead(device);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"probe overhead (default experiment, probe every 10 steps, 1000 steps): {overhead:P1} of training time ({probedSec:F2} s with probes vs {trainSec:F2} s probing only at the ends)"));
        if (jsonOut is not null)
            File.WriteAllText(jsonOut, JsonSerializer.Serialize(new { device, threads, cases = rows, probeOverhead = overhead, peerNote }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>Measured float32 matrix-multiply rate of the loaded libtorch on <paramref name="device"/>, GFLOP/s.</summary>
    public static double MatmulRate(Device device)
    {
        using var a = randn(2048, 2048, device: device);
        using var b = randn(2048, 2048, device: device);
        for (int i = 0; i < 3; i++) mm(a, b).Dispose();
        Synchronize(device);
        int reps = device.type == DeviceType.CUDA ? 200 : 10;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) mm(a, b).Dispose();
        Synchronize(device);
        return 2.0 * 2048 * 2048 * 2048 * reps / sw.Elapsed.TotalSeconds / 1e9;
    }

    /// <summary>Microseconds per full-batch Adam step (zero_grad, forward, MSE, backward, step): after 50 warm-up steps, the median of five timed chunks.</summary>
    public static double MeasureStep(BenchCase c, Device device)
    {
        manual_seed(0);
        var x = Enumerable.Range(0, c.Points).Select(i => -Math.PI + 2 * Math.PI * i / (c.Points - 1)).ToArray();
        var y = x.Select(v => Math.Sin(v) + Math.Sin(3 * v) + Math.Sin(5 * v)).ToArray();
        using var model = new Mlp(1, c.Hidden, 1, Activation.Tanh);
        var init = new InitConfig { Distribution = InitDistribution.Normal, Std = Math.Pow(200, -0.5) };
        Initializer.Apply(model, init, init);
        model.to(device);
        var config = new FitTrainingConfig { Optimizer = OptimizerKind.Adam, LearningRate = 2e-4 };
        using var trainer = new FitTrainer(model, x, y, null, config, 0, device);
        for (int i = 0; i < 50; i++) trainer.Step();
        Synchronize(device);
        // Five timed chunks; the median resists the machine's momentary noise.
        return MedianMicroseconds(trainer.Step, Math.Max(1, c.Steps / 5), device);
    }

    /// <summary>
    /// Microseconds per call of <paramref name="step"/>: the median of five timed chunks of <paramref name="per"/>
    /// calls each (the median resists the machine's momentary noise), the device synchronised before each clock read.
    /// </summary>
    public static double MedianMicroseconds(Action step, int per, Device device)
    {
        var chunks = new List<double>();
        for (int chunk = 0; chunk < 5; chunk++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < per; i++) step();
            Synchronize(device);
            chunks.Add(sw.Elapsed.TotalMicroseconds / per);
        }
        chunks.Sort();
        return chunks[2];
    }

    /// <summary>Waits for queued CUDA work; nothing on the CPU.</summary>
    public static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }

    private static (Dictionary<string, double>, string) RunPeer(string python, string device, int threads, BenchCase[] cases)
    {
        var script = FindPeerScript("train_step.py");
        if (script is null) return ([], "PyTorch peer: bench/peers/train_step.py not found; no ratio.");
        var args = new List<string> { "--device", device, "--threads", threads.ToString(CultureInfo.InvariantCulture) };
        foreach (var c in cases) { args.Add("--case"); args.Add(c.PeerSpec); }
        var (exit, stdout, stderr, error) = RunPython(python, script, args);
        if (error is not null) return ([], $"PyTorch peer unavailable ({python}: {error}); no ratio.");
        if (exit != 0)
            return ([], $"PyTorch peer unavailable ({python} exited {exit}: {stderr.Trim().Split('\n').LastOrDefault()}); no ratio.");
        var result = new Dictionary<string, double>();
        string version = "?";
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            result[doc.RootElement.GetProperty("case").GetString()!] = doc.RootElement.GetProperty("us_per_step").GetDouble();
            version = doc.RootElement.GetProperty("torch").GetString()!;
        }
        return (result, $"PyTorch peer: torch {version} via {python}, same cases, same thread count ({threads}).");
    }

    /// <summary>Runs <paramref name="python"/> on a script; Error is set (and the rest empty) when it cannot be started.</summary>
    public static (int ExitCode, string Stdout, string Stderr, string? Error) RunPython(string python, string script, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var stderrTask = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            var stderr = stderrTask.Result;
            p.WaitForExit();
            return (p.ExitCode, stdout, stderr, null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", "", e.Message);
        }
    }

    /// <summary>The first of python3, /usr/bin/python3, python that can import torch (python3 when none can).</summary>
    public static string FindPython() => new[] { "python3", "/usr/bin/python3", "python" }.FirstOrDefault(HasTorch) ?? "python3";

    private static bool HasTorch(string python)
    {
        try
        {
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import torch");
            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>bench/peers/<paramref name="fileName"/>, found by walking up from the bench binaries; null when absent.</summary>
    public static string? FindPeerScript(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "peers", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static int PositiveInt(string option, string value)
    {
        int v = int.Parse(value, CultureInfo.InvariantCulture);
        return v >= 1 ? v : throw new ArgumentException($"{option} {value}: expected an integer ≥ 1");
    }

    /// <summary>Wall time of the default experiment (1000 steps) probed every 10 steps vs probed only at its ends (medians of three runs each).</summary>
    private static (double Overhead, double Bare, double Probed) ProbeOverhead(string device)
    {
        var baseConfig = FitExperiment.LoadDefault() with { Device = device };
        baseConfig = baseConfig with { Training = baseConfig.Training with { Steps = 1000, CheckpointEvery = 100000 } };
        double Time(int every)
        {
            var dir = Path.Combine(Path.GetTempPath(), "freqscope-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                var cfg = baseConfig with { Probe = baseConfig.Probe with { Every = every } };
                var sw = Stopwatch.StartNew();
                FitExperiment.Run(cfg, new RunOptions { RunDirectory = dir, BuildReport = false });
                return sw.Elapsed.TotalSeconds;
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        }
        Time(1000); // warm-up
        // Alternate the two, three times each, and compare medians: single runs on a shared machine are noisy.
        var bares = new List<double>();
        var probeds = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            bares.Add(Time(1000));
            probeds.Add(Time(10));
        }
        bares.Sort();
        probeds.Sort();
        double bare = bares[1], probed = probeds[1];
        return ((probed - bare) / bare, bare, probed);
    }
}
