using System.Text;
using FreqScope.Core;
using FreqScope.Core.Tables;
using FreqScope.Reporting;
using FreqScope.Experiments.Fit1d;

namespace FreqScope.Tests.Reporting;

/// <summary>
/// Fabricates a plausible run folder in a temporary directory: a target with three DFT peaks (k = 1, 3, 5) that a
/// network learns low-to-high, probed every 100 steps up to <see cref="Steps"/>. Its config.json is not a valid
/// fit1d config (an old format), so the report cannot compute the one-hidden-layer theory from it; pass
/// <c>theoryJson</c> to give summary.json a <c>theory</c> section.
/// </summary>
internal sealed class SyntheticRun : IDisposable
{
    public const int GridPoints = 64;
    public const int Keep = 16;
    public static readonly int[] PeakKs = [1, 3, 5];
    public static readonly double[] PeakAmplitudes = [0.5, 0.3, 0.2];

    public SyntheticRun(
        string status = "finished",
        long stepsCompleted = 1000,
        long stepsPlanned = 1000,
        string errorForm = "complex",
        bool writeSummary = true,
        bool writeOutputs = true,
        string name = "synthetic-3-peaks",
        string? theoryJson = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "freqscope-reporting-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Steps = stepsCompleted;
        ErrorForm = errorForm;
        bool finished = status == "finished";

        Write("config.json", $$"""
            {
              "experiment": "fit1d",
              "name": {{System.Text.Json.JsonSerializer.Serialize(name)}},
              "seed": 0,
              "device": "cpu",
              "target": { "kind": "sines", "terms": [ { "k": 1, "amplitude": 1.0 }, { "k": 3, "amplitude": 0.6 }, { "k": 5, "amplitude": 0.4 } ] },
              "data": { "trainPoints": 61, "evalPoints": {{GridPoints}} },
              "model": { "hidden": [200, 200, 100], "activation": "tanh" },
              "training": { "steps": {{stepsPlanned}}, "learningRate": 0.0002 },
              "probe": { "every": 100, "keep": {{Keep}}, "epsilon": 0.05, "errorForm": "{{errorForm}}", "minRelativeHeight": 0.1, "snapshots": 3 }
            }
            """);
        Write("manifest.json", $$"""
            {
              "freqScopeVersion": "0.1.0",
              "torchSharpVersion": "0.107.0",
              "libtorchVersion": "2.10.0",
              "nativeLoadPath": "bundled libtorch",
              "device": "cpu",
              "seed": 0,
              "startedAt": "2026-11-23T01:00:00Z",
              "endedAt": {{(finished ? "\"2026-11-23T01:01:00Z\"" : "null")}},
              "wallSeconds": {{(finished ? "60.1" : "null")}},
              "gitCommit": null,
              "status": "{{status}}",
              "finished": {{(finished ? "true" : "false")}},
              "stepsCompleted": {{stepsCompleted}},
              "stepsPlanned": {{stepsPlanned}},
              "smoke": false,
              "resumedFrom": []
            }
            """);

        StringBuilder metrics = new(MetricRow.Csv.Header + "\n");
        StringBuilder spectra = new(SpectrumRow.Csv.Header + "\n");
        foreach (long step in ProbeSteps)
        {
            double loss = 0.5 * Math.Exp(-step / 150.0);
            metrics.Append($"{step},{CsvFormat.FormatDouble(loss)},{CsvFormat.FormatDouble(loss * 1.1)}\n");
            for (int k = 0; k < Keep; k++)
            {
                (double complex, double magnitude) = Deltas(k, step);
                double target = TargetAbs(k);
                double output = target * (1 - magnitude);
                spectra.Append(string.Join(',', step, k,
                    CsvFormat.FormatDouble(k / 1.0), CsvFormat.FormatDouble(output), CsvFormat.FormatDouble(target),
                    CsvFormat.FormatDouble(complex), CsvFormat.FormatDouble(magnitude))).Append('\n');
            }
        }

        Write("metrics.csv", metrics.ToString());
        Write("spectra.csv", spectra.ToString());

        if (writeOutputs)
        {
            StringBuilder outputs = new(OutputRow.Csv.Header + "\n");
            foreach (long step in new[] { 0, stepsCompleted / 2 / 100 * 100, stepsCompleted })
            {
                for (int j = 0; j < GridPoints; j++)
                {
                    double x = j / (double)GridPoints;
                    double target = 0;
                    double output = 0;
                    for (int p = 0; p < PeakKs.Length; p++)
                    {
                        double term = 2 * PeakAmplitudes[p] * Math.Sin(2 * Math.PI * PeakKs[p] * x);
                        target += term;
                        output += term * (1 - Deltas(PeakKs[p], step).Complex);
                    }

                    outputs.Append($"{step},{CsvFormat.FormatDouble(x)},{CsvFormat.FormatDouble(target)},{CsvFormat.FormatDouble(output)}\n");
                }
            }

            Write("outputs.csv", outputs.ToString());
        }

        if (writeSummary)
        {
            string verdict = finished
                ? "Frequencies converged in the order 1, 3, 5 (spectral-bias index +1.00)."
                : "Frequencies converged in the order 1, 3 so far (interrupted).";
            Write("summary.json", $$"""
                {
                  "finished": {{(finished ? "true" : "false")}},
                  "stepsCompleted": {{stepsCompleted}},
                  "epsilon": 0.05,
                  "errorForm": "{{errorForm}}",
                  "peaks": [
                    {{PeakJson(0)}},
                    {{PeakJson(1)}},
                    {{PeakJson(2)}}
                  ],
                  "convergenceOrder": [1, 3, 5],
                  "spectralBiasIndex": 1.0,
                  "finalTrainLoss": 1.2e-5,
                  "finalTestLoss": 1.3e-5,
                  "verdict": "{{verdict}}"{{(theoryJson is null ? string.Empty : ",\n  \"theory\": " + theoryJson)}}
                }
                """);
        }
    }

    public string Directory { get; }

    /// <summary>First probe step with Δ_F &lt; 0.05 for peak number <paramref name="p"/>, or null.</summary>
    public long? ConvergedAt(int p)
    {
        foreach (long step in ProbeSteps)
        {
            (double complex, double magnitude) = Deltas(PeakKs[p], step);
            if ((ErrorForm == "magnitude" ? magnitude : complex) < 0.05)
            {
                return step;
            }
        }

        return null;
    }

    private string PeakJson(int p)
    {
        string converged = ConvergedAt(p)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
        return $"{{ \"index\": {PeakKs[p]}, \"frequency\": {PeakKs[p]}.0, \"targetAbs\": {CsvFormat.FormatDouble(PeakAmplitudes[p])}, \"convergedAtStep\": {converged}, \"stableFromStep\": {converged} }}";
    }

    public long Steps { get; }

    public string ErrorForm { get; }

    public IEnumerable<long> ProbeSteps
    {
        get
        {
            for (long s = 0; s <= Steps; s += 100)
            {
                yield return s;
            }
        }
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public void Write(string file, string content) => File.WriteAllText(PathOf(file), content);

    public void Delete(string file) => File.Delete(PathOf(file));

    /// <summary>|ŷ_k|: the three peaks, a small floor elsewhere, and exactly 0 at k = 0 (so Δ is inf there).</summary>
    public static double TargetAbs(int k)
    {
        int p = Array.IndexOf(PeakKs, k);
        return p >= 0 ? PeakAmplitudes[p] : k == 0 ? 0.0 : 0.01 / k;
    }

    /// <summary>Δ_F at (k, step): decays faster for low k; complex and magnitude forms differ; k = 0 is inf.</summary>
    public static (double Complex, double Magnitude) Deltas(int k, long step)
    {
        if (k == 0)
        {
            return (double.PositiveInfinity, double.PositiveInfinity);
        }

        double complex = 1.3 * Math.Exp(-step / (40.0 * k)); // > 1 at step 0: exercises the clip
        return (complex, complex * 0.7);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
