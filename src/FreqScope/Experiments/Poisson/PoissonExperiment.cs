using System.Globalization;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Solvers;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// The <c>poisson</c> experiment kind: solve −Δu = g (zero boundary values) by classic relaxations from u = 0, by a
/// network trained on the PDE, and by network-then-relaxation hybrids, following every solver's error mode by mode
/// and measuring its wall time to ‖u − u_h‖∞ &lt; tolerance, u_h being the exact solution of the discrete system.
/// Methods run one after the other; each finished method is checkpointed, so an interrupted run resumes with the
/// method it was in, started again (its wall-clock times must come from one uninterrupted run). See
/// docs/run-folder.md for the files written.
/// </summary>
public sealed class PoissonExperiment : ExperimentKind<PoissonExperiment, PoissonExperimentConfig, PoissonSummary>
{
    /// <summary>The kind (use <see cref="ExperimentKind{TSelf, TConfig, TSummary}.Instance"/>).</summary>
    public PoissonExperiment()
        : base(PoissonExperimentConfig.Poisson, PoissonConfigJson.Default)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> SweepMetrics { get; } = ["bestHybridSpeedup", "discretisationError"];

    /// <summary>The method name of the network solver.</summary>
    public const string Network = "network";

    /// <summary>The method name of a hybrid handing over at <paramref name="step"/>: <c>hybrid-T</c>.</summary>
    public static string HybridName(long step) => "hybrid-" + step.ToString(CultureInfo.InvariantCulture);

    /// <summary>The method name of a relaxation (its JSON name: <c>jacobi</c>, <c>dampedJacobi</c>, <c>gaussSeidel</c>).</summary>
    public static string MethodName(RelaxationKind kind) => JsonNames.Of(kind);

    /// <summary>The methods a config runs, in order: the relaxations, the network, the hybrids.</summary>
    public static IReadOnlyList<string> Plan(PoissonExperimentConfig config)
    {
        var plan = config.Classic.Methods.Select(MethodName).ToList();
        if (config.Network is not null) plan.Add(Network);
        if (config.Hybrid is not null) plan.AddRange(config.Hybrid.Handover.Select(HybridName));
        return plan;
    }

    /// <summary>
    /// A much smaller version of <paramref name="config"/> for smoke tests: at most 128 intervals (2-D: 32, but enough
    /// for the source's modes), at most 200 000 sweeps, at most 60 network steps with the handovers scaled to match,
    /// and fewer probes.
    /// </summary>
    protected override PoissonExperimentConfig Shrink(PoissonExperimentConfig config)
    {
        var p = config.Problem;
        int cap = p.Dimension == 1 ? 128 : 32;
        int needed = p.Source.Modes.Count == 0 ? 4 : 2 * p.Source.Modes.Max(m => Math.Max(m.M, m.N)) + 2;
        int intervals = Math.Min(p.Intervals, Math.Max(cap, needed));
        var network = config.Network;
        var hybrid = config.Hybrid;
        if (network is not null)
        {
            long steps = Math.Min(network.Steps, 60);
            if (hybrid is not null)
            {
                var scaled = hybrid.Handover.Select(t => t * steps / network.Steps).Distinct().ToList();
                hybrid = hybrid with { Handover = scaled };
            }

            network = network with { Steps = steps };
        }

        var smaller = p with { Intervals = intervals };
        int largest = ModeSpectrum.LargestMode(smaller.Dimension, smaller.Intervals);
        var modes = config.Probe.Modes?.Where(k => k <= largest).ToList();
        return config with
        {
            Problem = smaller,
            Classic = config.Classic with { MaxIterations = Math.Min(config.Classic.MaxIterations, 200_000) },
            Network = network,
            Hybrid = hybrid,
            Probe = config.Probe with
            {
                Points = Math.Min(config.Probe.Points, 40),
                Every = Math.Max(1, Math.Min(config.Probe.Every, 10)),
                Modes = modes is { Count: > 0 } ? [.. modes] : null,
            },
        };
    }

    /// <summary>Checks the source on the grid (a formula that is not finite, modes the solution lacks) before anything is written.</summary>
    protected override IRunSession Open(PoissonExperimentConfig config, RunContext context) => new PoissonSession(config, PoissonSetup.Create(config), context);

    /// <summary>The network and its collocation batch's activations and their gradients; nothing for the classic solvers alone (their grids are bounded).</summary>
    protected override IReadOnlyList<MemoryNeed> MemoryNeeds(PoissonExperimentConfig config)
    {
        if (config.Network is not { } net) return [];
        int inputs = config.Problem.Dimension;
        return
        [
            MemoryNeed.Network("network.hidden", net.Hidden, inputs, 1),
            MemoryNeed.Activations("network.collocation.count", MemoryNeed.Spell(net.Collocation.Count), net.Collocation.Count, [inputs, .. net.Hidden, 1], training: true,
                "the collocation points' activations and their gradients"),
        ];
    }

    /// <inheritdoc/>
    public override ReportResult BuildReport(string runDir) => PoissonReport.Build(runDir);

    /// <summary><c>--steps</c> sets network.steps (a config with a network; at least the last hybrid handover step).</summary>
    protected override IReadOnlyList<CliAlias> OwnAliases =>
        [Alias("--steps", "sets network.steps", (value, c) =>
        {
            if (c.Network is null) throw new ArgumentException($"--steps sets network.steps, but \"{c.Name}\" has no network");
            if (c.Hybrid is { } h && long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out long steps) && h.Handover[^1] > steps)
                throw new ArgumentException($"--steps {steps} is before the last hybrid handover step {h.Handover[^1]}; expected at least {h.Handover[^1]}");
            return [new ConfigOverride("network.steps", value, $"--steps {value}")];
        })];

    /// <summary><c>method M</c>: a poisson run's steps are its methods.</summary>
    public override string Position(long stepsCompleted, int? epochsCompleted) => $"method {stepsCompleted + 1}";

    /// <inheritdoc/>
    protected override IReadOnlyList<ScalarSeries> Scalars(PoissonExperimentConfig config) =>
        [
            new(PoissonRunFolderReader.ErrorsFile, "iteration", ["method"], ["error_inf", "error_rms"]),
            new(PoissonRunFolderReader.ModesFile, "iteration", ["method", "mode"], ["relative_error"]),
        ];

    /// <inheritdoc/>
    public override string Describe(RunProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"{progress.Phase,-12} iteration {progress["iteration"],9}  error {progress["error"],9:E2}");

    /// <summary>The sweeps at which a relaxation is probed: about <paramref name="points"/> log-spaced values in [1, max], ascending, max included.</summary>
    public static long[] ProbeIterations(long max, int points)
    {
        var set = new SortedSet<long>();
        for (int i = 0; i < points; i++)
            set.Add(Math.Clamp((long)Math.Round(Math.Pow(max, (double)i / (points - 1))), 1, max));
        set.Add(max);
        return [.. set];
    }

    internal static PoissonSummary BuildSummary(PoissonExperimentConfig config, PoissonSetup setup, PoissonState state, bool finished)
    {
        var methods = state.Methods.ToList();
        string? baselineName = config.Hybrid is null ? null : MethodName(config.Hybrid.Relaxation);
        var baseline = methods.FirstOrDefault(m => m.Method == baselineName);
        var best = methods.Where(m => m.Kind == "hybrid" && m.Reached).MinBy(m => m.SecondsToTolerance);
        double? speedup = baseline is { Reached: true, SecondsToTolerance: double b } && best?.SecondsToTolerance is double h && h > 0 ? b / h : null;
        return new PoissonSummary
        {
            Finished = finished,
            Dimension = config.Problem.Dimension,
            Intervals = config.Problem.Intervals,
            Unknowns = setup.Grid.Unknowns,
            Tolerance = config.Tolerance,
            Epsilon = config.Probe.Epsilon,
            DiscretisationError = setup.DiscretisationError,
            Modes = setup.Analysed.Select(k => new PoissonModeInfo(k, setup.Frequency(k), setup.SolutionAmplitudes[k])).ToList(),
            Methods = methods,
            HybridBaseline = baselineName,
            BestHybrid = best?.Method,
            BestHybridSpeedup = speedup,
            Verdict = PoissonVerdict.Build(methods, baselineName, best?.Method, config.Tolerance, speedup),
        };
    }
}
