using System.Globalization;
using System.Text;
using System.Text.Json;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using FreqScope.Experiments.Poisson;

namespace FreqScope.Tests.Reporting;

/// <summary>
/// Fabricates a plausible <c>poisson</c> run folder in a temporary directory (1-D by default, n = 32 intervals on
/// [0, 1]): Jacobi whose mode k has relative error exactly |cos(kπ/n)|^t at its log-spaced probe sweeps t, damped
/// Jacobi (ω = 2/3) and Gauss–Seidel likewise with their own factors, a network whose low modes converge first
/// (exp(−s / 50k) at step s), and two hybrids that hand over to Jacobi after 500 and 1000 network steps. Numbers are
/// written as the runner writes them (invariant "R"; one network error_rms is NaN). summary.json is the
/// <see cref="PoissonSummary"/> serialised as the runner does (<see cref="RunFolder.Json"/>), every reported number
/// rounded to four significant digits so that the report's tables show them exactly.
/// </summary>
internal sealed class SyntheticPoissonRun : IDisposable
{
    public const int Intervals = 32;
    public const double Tolerance = 1e-4;
    public const double Epsilon = 1e-2;
    public const double SweepSeconds = 1e-3;
    public const double StepSeconds = 1e-4;
    public const long NanRmsStep = 100;
    public static readonly int[] RecordedModes = [1, 2, 3, 4, 6, 8, 12, 16];
    public static readonly int[] AnalysedModes = [1, 2, 4, 8];
    public static readonly long[] ClassicProbes = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
    public static readonly long[] NetworkProbes = [.. Enumerable.Range(0, 21).Select(i => i * 100L)];
    public static readonly long[] HybridProbes = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500];
    public static readonly long[] HandoverSteps = [500, 1000];
    public static readonly string[] AllMethods = ["jacobi", "dampedJacobi", "gaussSeidel", "network", "hybrid-500", "hybrid-1000"];

    public SyntheticPoissonRun(
        string status = "finished",
        int? methodsCompleted = null,
        bool writeSummary = true,
        int dimension = 1,
        bool jacobi = true,
        bool network = true,
        bool exact = true,
        string name = "synthetic-poisson")
    {
        Directory = Path.Combine(Path.GetTempPath(), "freqscope-poisson-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Dimension = dimension;
        Methods = [.. AllMethods.Where(m => (jacobi || m != "jacobi") && (network || (m != "network" && !m.StartsWith("hybrid-", StringComparison.Ordinal))))];
        int completed = methodsCompleted ?? Methods.Length;
        bool finished = status == "finished";

        Write("config.json", $$"""
            {
              "experiment": "poisson",
              "name": {{JsonSerializer.Serialize(name)}},
              "seed": 3,
              "device": "cpu",
              "problem": { "dimension": {{dimension}}, "domain": [0.0, 1.0], "intervals": {{Intervals}}, "source": "sines" },
              "methods": {{JsonSerializer.Serialize(Methods)}},
              "tolerance": 0.0001
            }
            """);
        Write("manifest.json", $$"""
            {
              "freqScopeVersion": "0.1.0",
              "torchSharpVersion": "0.107.0",
              "libtorchVersion": "2.10.0",
              "nativeLoadPath": "bundled libtorch",
              "device": "cpu",
              "seed": 3,
              "startedAt": "2026-11-23T01:00:00Z",
              "endedAt": {{(status == "running" ? "null" : "\"2026-11-23T01:02:00Z\"")}},
              "wallSeconds": {{(status == "running" ? "null" : "120.5")}},
              "gitCommit": "abc123",
              "status": "{{status}}",
              "finished": {{(finished ? "true" : "false")}},
              "stepsCompleted": {{completed}},
              "stepsPlanned": {{Methods.Length}},
              "experiment": "poisson",
              "smoke": false,
              "resumedFrom": []{{(status == "failed" ? ",\n  \"error\": \"out of memory\"" : string.Empty)}}
            }
            """);

        // The finished methods in full, then the first half of the probes of the method that was running.
        List<PoissonErrorRow> errors = [];
        List<PoissonModeRow> modes = [];
        for (int i = 0; i < Methods.Length && i <= completed; i++)
        {
            string method = Methods[i];
            long[] probes = ProbesOf(method);
            if (i == completed)
            {
                probes = probes[..(probes.Length / 2)];
            }

            foreach (long t in probes)
            {
                errors.Add(Error(method, t));
                if (PoissonMethods.HasModes(method))
                {
                    modes.AddRange(RecordedModes.Select(k => new PoissonModeRow(method, t, k, Frequency(k), RelativeError(method, k, t))));
                }
            }
        }

        ErrorRows = errors;
        ModeRows = modes;
        StringBuilder csv = new(PoissonErrorRow.Csv.Header + "\n");
        foreach (PoissonErrorRow r in errors)
        {
            csv.Append(string.Join(',', r.Method, r.Iteration, R(r.Seconds), R(r.ErrorInf), R(r.ErrorRms))).Append('\n');
        }

        Write("errors.csv", csv.ToString());
        csv = new(PoissonModeRow.Csv.Header + "\n");
        foreach (PoissonModeRow r in modes)
        {
            csv.Append(string.Join(',', r.Method, r.Iteration, r.Mode, R(r.Frequency), R(r.RelativeError))).Append('\n');
        }

        Write("modes.csv", csv.ToString());

        SolutionRows = [.. SolutionPoints(dimension, exact, network)];
        csv = new((dimension == 1 ? PoissonSolutionRow.Solution1dCsv.Header : PoissonSolutionRow.Solution2dCsv.Header) + "\n");
        foreach (PoissonSolutionRow r in SolutionRows)
        {
            string[] fields = [R(r.X), .. r.Y is double y ? [R(y)] : Array.Empty<string>(), R(r.Discrete), Optional(r.Exact), Optional(r.Network)];
            csv.Append(string.Join(',', fields)).Append('\n');
        }

        Write("solution.csv", csv.ToString());

        Summary = BuildSummary(finished, completed);
        if (writeSummary)
        {
            Write("summary.json", JsonSerializer.Serialize(Summary, RunFolder.Json) + "\n");
        }
    }

    public string Directory { get; }

    public int Dimension { get; }

    public string[] Methods { get; }

    public IReadOnlyList<PoissonErrorRow> ErrorRows { get; }

    public IReadOnlyList<PoissonModeRow> ModeRows { get; }

    public IReadOnlyList<PoissonSolutionRow> SolutionRows { get; }

    /// <summary>The summary written (also when <c>writeSummary</c> was false: what would have been written).</summary>
    public PoissonSummary Summary { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public void Write(string file, string content) => File.WriteAllText(PathOf(file), content);

    public void Delete(string file) => File.Delete(PathOf(file));

    public static long[] ProbesOf(string method) =>
        method == "network" ? NetworkProbes : method.StartsWith("hybrid-", StringComparison.Ordinal) ? HybridProbes : ClassicProbes;

    public static double Frequency(int k) => k / 2.0;

    /// <summary>The per-sweep factor of mode k: Jacobi cos(kπ/n), damped Jacobi 1 − (4/3) sin²(kπ/2n), Gauss–Seidel cos²(kπ/n).</summary>
    public static double Factor(string method, int k) => method switch
    {
        "jacobi" => Math.Abs(Math.Cos(k * Math.PI / Intervals)),
        "dampedJacobi" => Math.Abs(1 - (4.0 / 3.0 * Math.Pow(Math.Sin(k * Math.PI / (2.0 * Intervals)), 2))),
        "gaussSeidel" => Math.Pow(Math.Cos(k * Math.PI / Intervals), 2),
        _ => throw new ArgumentException(method),
    };

    /// <summary>|ê_k| / |û_k| at iteration t: Factor^t for a relaxation, exp(−t / 50k) for the network.</summary>
    public static double RelativeError(string method, int k, long t) =>
        method == "network" ? Math.Exp(-t / (50.0 * k)) : Math.Pow(Factor(method, k), t);

    public static double NetworkError(long s) => (0.5 * Math.Exp(-s / 500.0)) + 1e-3;

    public static double HybridRate(long handover) => handover == 1000 ? 0.97 : 0.98;

    /// <summary>The errors.csv row of a method at an iteration.</summary>
    public static PoissonErrorRow Error(string method, long t)
    {
        if (method == "network")
        {
            double e = NetworkError(t);
            return new PoissonErrorRow(method, t, t * StepSeconds, e, t == NanRmsStep ? double.NaN : 0.7 * e);
        }

        if (PoissonMethods.HandoverStep(method) is long handover)
        {
            double e = NetworkError(handover) * Math.Pow(HybridRate(handover), t);
            return new PoissonErrorRow(method, t, (handover * StepSeconds) + (t * SweepSeconds), e, 0.7 * e);
        }

        double classic = 0.5 * Math.Pow(Factor(method, 1), t);
        double perSweep = method switch { "jacobi" => 1.0, "dampedJacobi" => 1.2, _ => 1.5 } * SweepSeconds;
        return new PoissonErrorRow(method, t, t * perSweep, classic, 0.7 * classic);
    }

    /// <summary>The error at sweep t of a relaxation or hybrid (every sweep, not only the probes).</summary>
    private static double SweepError(string method, long t) => Error(method, t).ErrorInf;

    private PoissonSummary BuildSummary(bool finished, int completed)
    {
        List<PoissonMethodSummary> methods = [];
        foreach (string method in Methods.Take(completed))
        {
            long? handover = PoissonMethods.HandoverStep(method);
            long[] probes = ProbesOf(method);
            long? reachedAt = method == "network"
                ? probes.Cast<long?>().FirstOrDefault(t => Error(method, t!.Value).ErrorInf < Tolerance)
                : FirstSweepBelow(method, probes[^1]);
            PoissonErrorRow last = Error(method, probes[^1]);
            List<ModeConvergence>? convergence = PoissonMethods.HasModes(method)
                ? [.. AnalysedModes.Select(k => new ModeConvergence(k, probes.Cast<long?>().FirstOrDefault(t => RelativeError(method, k, t!.Value) < Epsilon)))]
                : null;
            methods.Add(new PoissonMethodSummary
            {
                Method = method,
                Kind = PoissonMethods.Kind(method),
                Reached = reachedAt is not null,
                IterationsToTolerance = reachedAt,
                SecondsToTolerance = reachedAt is long r ? Round4(Error(method, r).Seconds) : null,
                Iterations = last.Iteration,
                Seconds = Round4(last.Seconds),
                FinalError = Round4(last.ErrorInf),
                HandoverStep = handover,
                HandoverSeconds = handover is long h ? Round4(h * StepSeconds) : null,
                HandoverError = handover is long h2 ? Round4(NetworkError(h2)) : null,
                ModeConvergence = convergence,
                ConvergenceOrder = convergence is null ? null : [.. convergence.OrderBy(c => c.ConvergedAt ?? long.MaxValue).Select(c => c.Mode)],
                SpectralBiasIndex = convergence is null ? null : method == "network" ? 1.0 : -1.0,
            });
        }

        PoissonMethodSummary? best = methods.Where(m => m.Kind == "hybrid" && m.Reached).MinBy(m => m.SecondsToTolerance);
        double? baseline = methods.FirstOrDefault(m => m.Method == "jacobi")?.SecondsToTolerance;
        return new PoissonSummary
        {
            Finished = finished,
            Dimension = Dimension,
            Intervals = Intervals,
            Unknowns = (int)Math.Pow(Intervals - 1, Dimension),
            Tolerance = Tolerance,
            Epsilon = Epsilon,
            DiscretisationError = Dimension == 1 ? 0.0008035 : null,
            Modes = [.. AnalysedModes.Select(k => new PoissonModeInfo(k, Frequency(k), Round4(1.0 / (k * k))))],
            Methods = methods,
            HybridBaseline = "jacobi",
            BestHybrid = best?.Method,
            BestHybridSpeedup = best is not null && baseline is double b ? Round4(b / best.SecondsToTolerance!.Value) : null,
            Verdict = finished
                ? "The network learned the low modes first (spectral-bias index +1.00) while Jacobi removed the high modes first (−1.00); handing over to Jacobi after 1000 network steps reached the tolerance fastest."
                : "Interrupted.",
        };
    }

    private static long? FirstSweepBelow(string method, long last)
    {
        for (long t = 0; t <= last; t++)
        {
            if (SweepError(method, t) < Tolerance)
            {
                return t;
            }
        }

        return null;
    }

    private static IEnumerable<PoissonSolutionRow> SolutionPoints(int dimension, bool exact, bool network)
    {
        for (int i = 1; i < Intervals; i++)
        {
            double x = i / (double)Intervals;
            if (dimension == 1)
            {
                double u = Math.Sin(Math.PI * x) + (0.1 * Math.Sin(5 * Math.PI * x));
                yield return new PoissonSolutionRow(x, null, u, exact ? u + (1e-3 * Math.Sin(Math.PI * x)) : null, network ? u + (0.01 * Math.Sin(20 * Math.PI * x)) : null);
                continue;
            }

            for (int j = 1; j < Intervals; j++)
            {
                double y = j / (double)Intervals;
                double u = Math.Sin(Math.PI * x) * Math.Sin(Math.PI * y);
                yield return new PoissonSolutionRow(x, y, u, null, network ? u + (0.01 * x * y) : null);
            }
        }
    }

    public static double Round4(double value) => double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>As the runner writes numbers: invariant culture, "R" round trip (NaN as <c>NaN</c>).</summary>
    public static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Optional(double? value) => value is double v ? R(v) : string.Empty;

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
