using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static TorchSharp.torch;

namespace FreqScope.Bench;

/// <summary>
/// How a training step's time and memory grow with the network's width and the number of points, next to the
/// arithmetic floor (the step's matrix-product flops at libtorch's measured matmul rate, as in <see cref="BenchApp"/>).
/// Width: hidden layers [w, w, w] on 101 points, w = 50 … 1600. Points: the default network (200-200-200-100) on
/// n = 101 … 100 001 points. Memory: the bytes of the tensors a step keeps (parameters, gradient and Adam's two
/// moments: 16 bytes per parameter; the saved activations: 4 bytes × n × Σ hidden widths × 2, pre- and
/// post-activation), which is what grows, and the process's peak resident set after the case, which includes the
/// runtime and allocator caches.
/// </summary>
public static class ScalingBench
{
    /// <summary>Runs the width and point series and prints one table each; returns the exit code.</summary>
    public static int Run(Device device, string deviceName, int threads, bool quick, string? jsonOut)
    {
        double gflops = BenchApp.MatmulRate(device);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"libtorch float32 matmul rate (2048², {threads} threads): {gflops:F1} GFLOP/s"));
        int[] widths = quick ? [50, 200, 800] : [50, 100, 200, 400, 800, 1600];
        int[] points = quick ? [101, 10001] : [101, 1001, 10001, 100001];
        var width = widths.Select(w => new BenchCase($"width-{w}", [w, w, w], 101, 0)).ToList();
        var pointCases = points.Select(n => new BenchCase($"points-{n}", [200, 200, 200, 100], n, 0)).ToList();
        var rows = new List<object>();
        foreach (var (title, cases) in new[] { ("width (hidden [w, w, w], 101 points)", width), ("points (hidden 200-200-200-100)", pointCases) })
        {
            Console.WriteLine();
            Console.WriteLine(title);
            Console.WriteLine($"{"case",-14} {"params",10} {"us/step",12} {"floor us",10} {"step/floor",11} {"GFLOP/s",9} {"tensor MiB",11} {"peak RSS MiB",13}");
            foreach (var c in cases)
            {
                // About a second of timed work per case (at least 5 steps), from the floor and the step/floor ratio small nets show.
                double floorUs = c.Flops / (gflops * 1e9) * 1e6;
                int steps = (int)Math.Clamp(1e6 / Math.Max(floorUs * 2, 300), 5, quick ? 400 : 2000);
                var timed = c with { Steps = steps };
                double us = BenchApp.MeasureStep(timed, device);
                long parameters = Parameters(c.Hidden);
                double tensorMiB = (16.0 * parameters + 8.0 * c.Points * c.Hidden.Sum()) / (1 << 20);
                double peakMiB = Process.GetCurrentProcess().PeakWorkingSet64 / (double)(1 << 20);
                double achieved = c.Flops / (us * 1e-6) / 1e9;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Name,-14} {parameters,10} {us,12:F1} {floorUs,10:F1} {us / floorUs,11:F2} {achieved,9:F1} {tensorMiB,11:F1} {peakMiB,13:F0}"));
                rows.Add(new { c.Name, c.Hidden, c.Points, parameters, usPerStep = us, floorUsPerStep = floorUs, tensorMiB, peakRssMiB = peakMiB });
            }
        }

        if (jsonOut is not null)
            File.WriteAllText(jsonOut, JsonSerializer.Serialize(new { device = deviceName, threads, matmulGflops = gflops, cases = rows }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>Weights and biases of the 1 → hidden… → 1 network.</summary>
    public static long Parameters(int[] hidden)
    {
        var widths = new[] { 1 }.Concat(hidden).Append(1).ToArray();
        long sum = 0;
        for (int i = 0; i < widths.Length - 1; i++) sum += (long)widths[i] * widths[i + 1] + widths[i + 1];
        return sum;
    }
}
