using System.Globalization;
using System.Text;
using System.Text.Json;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Experiments;
using FreqScope.Reporting;
using FreqScope.Experiments.Classify;

namespace FreqScope.Tests.Reporting;

/// <summary>
/// Fabricates a plausible <c>classify</c> run folder in a temporary directory: every epoch 0 … N probed; the filtering
/// method's e_low falls faster than e_high for three δ; the projected target spectrum has three peaks (grid indices
/// 3, 8, 14) that the network learns low-to-high. summary.json is the <see cref="ClassifySummary"/> serialised as the
/// runner does (<see cref="RunFolder.Json"/>), with every reported number rounded to four significant digits so
/// that the report's tables show them exactly.
/// </summary>
internal sealed class SyntheticClassifyRun : IDisposable
{
    public const int GridSize = 24;
    public const double FrequencyStep = 0.05;
    public const double Threshold = 0.1;
    public const double Epsilon = 0.05;
    public static readonly double[] Deltas = [8.0, 0.5, 2.0]; // config order, deliberately unsorted
    public static readonly int[] PeakIndices = [3, 8, 14];
    public static readonly double[] PeakAmplitudes = [1.0, 0.6, 0.4];

    public SyntheticClassifyRun(
        string status = "finished",
        int epochsCompleted = 20,
        int epochsPlanned = 20,
        bool filtering = true,
        bool projection = true,
        bool writeSummary = true,
        string errorForm = "complex",
        string name = "synthetic-classify")
    {
        Directory = Path.Combine(Path.GetTempPath(), "freqscope-classify-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        EpochsCompleted = epochsCompleted;
        ErrorForm = errorForm;
        bool finished = status == "finished";
        long stepsPerEpoch = 50;

        Write("config.json", $$"""
            {
              "experiment": "classify",
              "name": {{JsonSerializer.Serialize(name)}},
              "seed": 7,
              "device": "cpu",
              "data": { "dataset": "mnist", "trainSamples": 1000 },
              "training": { "epochs": {{epochsPlanned}} },
              "filtering": {{(filtering ? "{ \"deltas\": [8.0, 0.5, 2.0], \"threshold\": 0.1 }" : "null")}},
              "projection": {{(projection ? "{ \"direction\": \"pca\", \"epsilon\": 0.05, \"errorForm\": \"" + errorForm + "\" }" : "null")}}
            }
            """);
        Write("manifest.json", $$"""
            {
              "freqScopeVersion": "0.1.0",
              "torchSharpVersion": "0.107.0",
              "libtorchVersion": "2.10.0",
              "nativeLoadPath": "bundled libtorch",
              "device": "cpu",
              "seed": 7,
              "startedAt": "2026-11-23T01:00:00Z",
              "endedAt": {{(finished ? "\"2026-11-23T01:05:00Z\"" : "null")}},
              "wallSeconds": {{(finished ? "300.4" : "null")}},
              "gitCommit": "abc123",
              "status": "{{status}}",
              "finished": {{(finished ? "true" : "false")}},
              "stepsCompleted": {{epochsCompleted * stepsPerEpoch}},
              "stepsPlanned": {{epochsPlanned * stepsPerEpoch}},
              "epochsCompleted": {{epochsCompleted}},
              "epochsPlanned": {{epochsPlanned}},
              "experiment": "classify",
              "smoke": false,
              "resumedFrom": []
            }
            """);

        StringBuilder metrics = new(ClassifyMetricRow.Csv.Header + "\n");
        foreach (int epoch in Epochs)
        {
            ClassifyMetricRow m = Metric(epoch);
            metrics.Append(string.Join(',', m.Epoch, m.Step, F(m.LearningRate), F(m.TrainLoss), F(m.TrainAccuracy), F(m.TestLoss), F(m.TestAccuracy))).Append('\n');
        }

        Write("metrics.csv", metrics.ToString());

        if (filtering)
        {
            StringBuilder csv = new(FilteringRow.Csv.Header + "\n");
            foreach (int epoch in Epochs)
            {
                foreach (double delta in Deltas)
                {
                    csv.Append(string.Join(',', epoch, F(delta), F(LowError(delta, epoch)), F(HighError(delta, epoch)))).Append('\n');
                }
            }

            Write("filtering.csv", csv.ToString());
        }

        if (projection)
        {
            StringBuilder csv = new(ProjectionRow.Csv.Header + "\n");
            foreach (int epoch in Epochs)
            {
                for (int i = 0; i < GridSize; i++)
                {
                    (double complex, double magnitude) = ProjectionDeltas(i, epoch);
                    double target = TargetAbs(i);
                    double output = target * (1 - Math.Min(magnitude, 1));
                    csv.Append(string.Join(',', epoch, i, F(i * FrequencyStep), F(output), F(target), F(complex), F(magnitude))).Append('\n');
                }
            }

            Write("projection.csv", csv.ToString());
        }

        ClassifyMetricRow last = Metric(epochsCompleted);
        Summary = new ClassifySummary
        {
            Finished = finished,
            EpochsCompleted = epochsCompleted,
            StepsCompleted = epochsCompleted * stepsPerEpoch,
            FinalTrainLoss = Round4(last.TrainLoss),
            FinalTrainAccuracy = Round4(last.TrainAccuracy),
            FinalTestLoss = Round4(last.TestLoss),
            FinalTestAccuracy = Round4(last.TestAccuracy),
            Filtering = filtering ? FilteringSummary() : null,
            Projection = projection ? ProjectionSummary() : null,
            Verdict = finished
                ? "Low frequencies converged first: e_low fell below 0.1 before e_high for every δ, and the projected peaks converged in the order 0.15, 0.4, 0.7."
                : "Interrupted: so far low frequencies lead.",
        };
        if (writeSummary)
        {
            Write("summary.json", JsonSerializer.Serialize(Summary, RunFolder.Json) + "\n");
        }
    }

    public string Directory { get; }

    public int EpochsCompleted { get; }

    public string ErrorForm { get; }

    /// <summary>The summary written (also when <c>writeSummary</c> was false: what would have been written).</summary>
    public ClassifySummary Summary { get; }

    public IEnumerable<int> Epochs => Enumerable.Range(0, EpochsCompleted + 1);

    public string PathOf(string file) => Path.Combine(Directory, file);

    public void Write(string file, string content) => File.WriteAllText(PathOf(file), content);

    public void Delete(string file) => File.Delete(PathOf(file));

    public static ClassifyMetricRow Metric(int epoch)
    {
        double trainLoss = (2.3 * Math.Exp(-epoch / 5.0)) + 0.01;
        return new ClassifyMetricRow(
            epoch,
            epoch * 50L,
            0.01 * Math.Pow(0.9, epoch),
            trainLoss,
            1 - (0.9 * Math.Exp(-epoch / 4.0)),
            trainLoss * 1.2,
            1 - (0.9 * Math.Exp(-epoch / 4.0)) - 0.02);
    }

    public static double LowError(double delta, int epoch) => Math.Exp(-epoch / 3.0) * (1 + (delta / 20));

    public static double HighError(double delta, int epoch) => Math.Exp(-epoch / 6.0) * (1 + (delta / 40));

    /// <summary>|ŷ| at grid index i: the three peaks and a small floor elsewhere.</summary>
    public static double TargetAbs(int i)
    {
        int p = Array.IndexOf(PeakIndices, i);
        return p >= 0 ? PeakAmplitudes[p] : 0.05 / (1 + i);
    }

    /// <summary>Δ_F at (index, epoch): decays faster at low frequency; &gt; 1 at epoch 0 (exercises the clip).</summary>
    public static (double Complex, double Magnitude) ProjectionDeltas(int i, int epoch)
    {
        double complex = 1.2 * Math.Exp(-epoch / (0.4 * (i + 1)));
        return (complex, complex * 0.7);
    }

    /// <summary>First epoch at which <paramref name="error"/> falls below <paramref name="threshold"/>, or null.</summary>
    public int? FirstBelow(Func<int, double> error, double threshold) =>
        Epochs.Cast<int?>().FirstOrDefault(e => error(e!.Value) < threshold);

    private FilteringSummary FilteringSummary() => new()
    {
        Threshold = Threshold,
        Samples = 1000,
        Deltas = [.. Deltas.Select(d =>
        {
            int? low = FirstBelow(e => LowError(d, e), Threshold);
            int? high = FirstBelow(e => HighError(d, e), Threshold);
            return new DeltaSummary(
                d,
                Round4(0.9 - (d / 40)),
                low,
                high,
                low is null && high is null ? null : high is null || (low is not null && low < high),
                Round4(LowError(d, EpochsCompleted)),
                Round4(HighError(d, EpochsCompleted)));
        })],
        Verdict = "e_low fell below the threshold before e_high for every δ.",
    };

    private ProjectionSummary ProjectionSummary() => new()
    {
        Direction = "principal component 1 (explains 29.0% of the variance)",
        Component = null,
        Epsilon = Epsilon,
        ErrorForm = ErrorForm,
        Peaks = [.. PeakIndices.Select((index, p) =>
        {
            int? converged = FirstBelow(e => Delta(index, e), Epsilon);
            return new ProjectionPeakSummary(index, Round4(index * FrequencyStep), PeakAmplitudes[p], converged, converged);
        })],
        ConvergenceOrder = PeakIndices,
        SpectralBiasIndex = 1.0,
        Verdict = "The projected peaks converged in the order 0.15, 0.4, 0.7 (spectral-bias index +1.00).",
    };

    private double Delta(int index, int epoch)
    {
        (double complex, double magnitude) = ProjectionDeltas(index, epoch);
        return ErrorForm == "magnitude" ? magnitude : complex;
    }

    private static double Round4(double value) => double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string F(double value) => CsvFormat.FormatDouble(value);

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
