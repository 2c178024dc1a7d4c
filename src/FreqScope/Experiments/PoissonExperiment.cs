using System.Diagnostics;
using System.Globalization;
using System.Text;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Solvers;
using FreqScope.Spectral;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments;

/// <summary>
/// The <c>poisson</c> experiment: solve −Δu = g (zero boundary values) by classic relaxations from u = 0, by a
/// network trained on the PDE, and by network-then-relaxation hybrids, following every solver's error mode by mode
/// and measuring its wall time to ‖u − u_h‖∞ &lt; tolerance, u_h being the exact solution of the discrete system.
/// Methods run one after the other; each finished method is checkpointed, so an interrupted run resumes with the
/// method it was in, started again (its wall-clock times must come from one uninterrupted run). See
/// docs/run-folder.md for the files written.
/// </summary>
public static class PoissonExperiment
{
    /// <summary>Header of errors.csv.</summary>
    public const string ErrorsHeader = "method,iteration,seconds,error_inf,error_rms";

    /// <summary>Header of modes.csv.</summary>
    public const string ModesHeader = "method,iteration,mode,frequency,relative_error";

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
    public static PoissonExperimentConfig Smoke(PoissonExperimentConfig config)
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

    /// <summary>Runs (or resumes) the experiment; returns when it finishes, fails or is cancelled (after saving).</summary>
    public static PoissonRunResult Run(PoissonExperimentConfig config, PoissonRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var load = NativeLoader.EnsureLoaded();
        var runDir = Path.GetFullPath(options.RunDirectory);
        RunManifest? previous = null;
        PoissonState? state = null;
        if (options.Resume)
        {
            config = ConfigLoader.LoadAnyFile(RunFolder.ResumeConfigPath(runDir)) as PoissonExperimentConfig
                ?? throw new InvalidOperationException($"cannot resume {runDir}: its config.json is not a poisson experiment");
            previous = RunFolder.ReadResumableManifest(runDir);
            state = PoissonState.Load(runDir);
        }

        // Bad input (a formula that is not finite on the grid, modes the solution lacks, the device) is reported
        // before anything is written.
        var setup = PoissonSetup.Create(config);
        var device = DeviceSelector.Resolve(config.Device);
        if (!options.Resume) RunFolder.Create(runDir, ConfigLoader.ToJsonAny(config));

        var plan = Plan(config);
        state ??= new PoissonState();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        bool smoke = previous?.Smoke ?? options.Smoke;
        RunManifest Manifest(string status, string? error = null) =>
            RunManifest.Create(load, device, config.Seed, previous, started, clock, status, smoke, null, error) with
            {
                Experiment = PoissonExperimentConfig.Poisson,
                StepsCompleted = state.Completed.Count,
                StepsPlanned = plan.Count,
                ResumedFrom = previous is null ? [] : [.. previous.ResumedFrom, previous.StepsCompleted],
            };

        Session? session = null;
        try
        {
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            session = new Session(config, setup, runDir, device, options, plan.Count);
            session.OpenTables(options.Resume ? state.Rows : null);
            session.WarmUp(plan.Where(m => !state.Completed.Contains(m)).ToList());
            if (!options.Resume)
            {
                state.Save(runDir, session.Rows());
                session.WriteSolution(null);
            }
            for (int index = 0; index < plan.Count; index++)
            {
                string method = plan[index];
                if (state.Completed.Contains(method)) continue;
                PoissonMethodSummary? result = cancellation.IsCancellationRequested ? null : session.RunMethod(method, index, state, cancellation);
                if (result is null)
                {
                    session.Flush();
                    RunFolder.WriteManifest(runDir, Manifest(RunStatus.Interrupted));
                    var partial = BuildSummary(config, setup, state, finished: false);
                    RunFolder.WriteSummary(runDir, partial);
                    if (options.BuildReport) RunReport.Build(runDir);
                    return new PoissonRunResult(runDir, RunStatus.Interrupted, state.Completed.Count, partial);
                }

                state.Methods.Add(result);
                session.Flush();
                state.Save(runDir, session.Rows());
                RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            }

            session.WriteSolution(state.NetworkOutput(runDir, setup.Grid.Unknowns));
            var summary = BuildSummary(config, setup, state, finished: true);
            RunFolder.WriteSummary(runDir, summary);
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Finished));
            if (options.BuildReport) RunReport.Build(runDir);
            return new PoissonRunResult(runDir, RunStatus.Finished, state.Completed.Count, summary);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            session?.Dispose();
            session = null;
            RunFolder.MarkFailed(runDir, Manifest(RunStatus.Failed, e.Message));
            throw;
        }
        finally
        {
            session?.Dispose();
        }
    }

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
            Verdict = Verdict(config, methods, baseline, best, speedup),
        };
    }

    private static string Verdict(PoissonExperimentConfig config, List<PoissonMethodSummary> methods, PoissonMethodSummary? baseline,
        PoissonMethodSummary? best, double? speedup)
    {
        var parts = new List<string>();
        var indexed = methods.Where(m => m.SpectralBiasIndex is not null).ToList();
        if (indexed.Count > 0)
        {
            parts.Add("Spectral-bias index (+1: low modes first, −1: high first): "
                + string.Join(", ", indexed.Select(m => $"{m.Method} {m.SpectralBiasIndex!.Value.ToString("+0.00;-0.00;+0.00", CultureInfo.InvariantCulture)}")) + ".");
        }

        string tol = config.Tolerance.ToString("G3", CultureInfo.InvariantCulture);
        if (config.Hybrid is not null)
        {
            string name = MethodName(config.Hybrid.Relaxation);
            if (best is null)
            {
                parts.Add($"No hybrid reached ‖u − u_h‖∞ < {tol}.");
            }
            else
            {
                string head = $"Best hybrid: the network for {best.HandoverStep} steps, then {name}, reached ‖u − u_h‖∞ < {tol} in {Seconds(best.SecondsToTolerance)}";
                parts.Add(baseline is { Reached: true }
                    ? $"{head}, {speedup!.Value.ToString("0.0#", CultureInfo.InvariantCulture)}× faster than {name} alone ({Seconds(baseline.SecondsToTolerance)})."
                    : $"{head}; {name} alone did not reach it within {baseline?.Iterations} sweeps.");
            }
        }

        return parts.Count == 0 ? "No method finished." : string.Join(" ", parts);
    }

    private static string Seconds(double? s) => s is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "—";

    /// <summary>A run's open files and probing; one method runs at a time.</summary>
    private sealed class Session : IDisposable
    {
        private readonly PoissonExperimentConfig _config;
        private readonly PoissonSetup _setup;
        private readonly string _runDir;
        private readonly Device _device;
        private readonly PoissonRunOptions _options;
        private readonly int _methodCount;
        private readonly double[] _error;
        private CsvTable? _errors, _modes;

        public Session(PoissonExperimentConfig config, PoissonSetup setup, string runDir, Device device, PoissonRunOptions options, int methodCount)
        {
            _config = config;
            _setup = setup;
            _runDir = runDir;
            _device = device;
            _options = options;
            _methodCount = methodCount;
            _error = new double[setup.Grid.Unknowns];
        }

        public void OpenTables(IReadOnlyDictionary<string, long>? rows)
        {
            _errors = CsvTable.Open(Path.Combine(_runDir, "errors.csv"), ErrorsHeader, rows?["errors.csv"]);
            _modes = CsvTable.Open(Path.Combine(_runDir, "modes.csv"), ModesHeader, rows?["modes.csv"]);
        }

        public Dictionary<string, long> Rows() => new() { ["errors.csv"] = _errors!.Rows, ["modes.csv"] = _modes!.Rows };

        public void Flush()
        {
            _errors?.Flush();
            _modes?.Flush();
        }

        /// <summary>
        /// Runs each solver that is still to come once on a throwaway problem, so that one-time costs (compiling the
        /// relaxation kernels, libtorch's first calls) are not counted in the first method's wall time.
        /// </summary>
        public void WarmUp(IReadOnlyList<string> methods)
        {
            var p = _config.Problem;
            var grid = new PoissonGrid(p.Dimension, p.Min, p.Max, 8);
            var kinds = _config.Classic.Methods.Where(k => methods.Contains(MethodName(k))).ToList();
            if (_config.Hybrid is { } hybrid && methods.Any(m => m.StartsWith("hybrid-", StringComparison.Ordinal))) kinds.Add(hybrid.Relaxation);
            foreach (var kind in kinds.Distinct())
            {
                var relaxation = new Relaxation(grid, new double[grid.Unknowns], kind, _config.Classic.Omega, new double[grid.Unknowns]);
                relaxation.Run(4);
                relaxation.RunUntil(new double[grid.Unknowns], 1.0, 4, 2);
            }

            if (_config.Network is { } net && methods.Contains(Network))
            {
                using var model = new Mlp(p.Dimension, net.Hidden, 1, net.Activation);
                model.to(_device);
                using var trainer = new PdeTrainer(model, net with { Collocation = net.Collocation with { Count = Math.Min(net.Collocation.Count, 16) } }, p.Dimension, p.Min, p.Max, _setup.Source, _config.Seed, _device);
                // A few grid nodes are enough to compile the prediction path; the whole grid can hold millions.
                using var nodes = PdeTrainer.Points(NodesFlat()[..(Math.Min(64, _setup.Grid.Unknowns) * p.Dimension)], p.Dimension, _device);
                for (int i = 0; i < 3; i++) trainer.Step();
                PredictInBlocks(trainer, nodes);
            }
        }

        public PoissonMethodSummary? RunMethod(string method, int index, PoissonState state, CancellationToken cancellation)
        {
            if (method == Network) return RunNetwork(index, state, cancellation);
            if (method.StartsWith("hybrid-", StringComparison.Ordinal))
            {
                long step = long.Parse(method["hybrid-".Length..], CultureInfo.InvariantCulture);
                var handover = state.Handovers.Single(h => h.Step == step);
                var start = state.HandoverOutput(_runDir, step, _setup.Grid.Unknowns);
                // A network that diverged hands over NaN or ∞: no relaxation can recover from that, so the hybrid is
                // recorded as failing at once instead of sweeping to the limit.
                var result = double.IsFinite(handover.Error)
                    ? RunRelaxation(method, index, _config.Hybrid!.Relaxation, start, handover.Seconds, recordModes: false, cancellation)
                    : Summarise(method, "hybrid", null, null, 0, handover.Seconds, Probe(method, 0, handover.Seconds, start, null), null);
                return result is null ? null : result with
                {
                    Kind = "hybrid",
                    HandoverStep = step,
                    HandoverSeconds = handover.Seconds,
                    HandoverError = handover.Error,
                };
            }

            var kind = _config.Classic.Methods.Single(k => MethodName(k) == method);
            return RunRelaxation(method, index, kind, new double[_setup.Grid.Unknowns], 0, recordModes: true, cancellation);
        }

        private PoissonMethodSummary? RunRelaxation(string method, int index, RelaxationKind kind, double[] initial, double startSeconds,
            bool recordModes, CancellationToken cancellation)
        {
            var relaxation = new Relaxation(_setup.Grid, _setup.Rhs, kind, _config.Classic.Omega, initial);
            var history = new ModeHistory(_setup.Analysed.Length);
            var clock = new Stopwatch();
            long max = _config.Classic.MaxIterations;
            double tolerance = _config.Tolerance;
            double Seconds() => startSeconds + clock.Elapsed.TotalSeconds;
            double error = Probe(method, 0, startSeconds, relaxation.Current, recordModes ? history : null);
            long? toTolerance = error < tolerance ? 0 : null;
            double? secondsToTolerance = toTolerance is null ? null : startSeconds;
            foreach (long target in ProbeIterations(max, _config.Probe.Points))
            {
                if (toTolerance is not null) break;
                while (relaxation.Iterations < target)
                {
                    if (cancellation.IsCancellationRequested) return null;
                    long chunk = Math.Min(target - relaxation.Iterations, 1 << 16);
                    clock.Start();
                    long done = relaxation.RunUntil(_setup.Discrete, tolerance, chunk, 64);
                    clock.Stop();
                    if (done < chunk || Relaxation.MaxAbsDifference(relaxation.Current, _setup.Discrete) < tolerance)
                    {
                        toTolerance = relaxation.Iterations;
                        secondsToTolerance = Seconds();
                        break;
                    }
                }

                error = Probe(method, relaxation.Iterations, Seconds(), relaxation.Current, recordModes ? history : null);
                _options.OnProgress?.Invoke(new PoissonProgress(method, index, _methodCount, relaxation.Iterations, max, error));
            }

            return Summarise(method, "classic", toTolerance, secondsToTolerance, relaxation.Iterations, clock.Elapsed.TotalSeconds + startSeconds, error,
                recordModes ? history : null);
        }

        private PoissonMethodSummary? RunNetwork(int index, PoissonState state, CancellationToken cancellation)
        {
            var net = _config.Network!;
            var p = _config.Problem;
            manual_seed(_config.Seed);
            using var model = new Mlp(p.Dimension, net.Hidden, 1, net.Activation);
            Initializer.Apply(model, net.WeightInit, net.BiasInit);
            model.to(_device);
            using var trainer = new PdeTrainer(model, net, p.Dimension, p.Min, p.Max, _setup.Source, _config.Seed, _device);
            using var nodes = PdeTrainer.Points(NodesFlat(), p.Dimension, _device);
            var handovers = new HashSet<long>(_config.Hybrid?.Handover ?? []);
            state.Handovers.Clear();
            var history = new ModeHistory(_setup.Analysed.Length);
            var clock = new Stopwatch();
            bool cuda = _device.type == TorchSharp.DeviceType.CUDA;
            double tolerance = _config.Tolerance;
            long? toTolerance = null;
            double? secondsToTolerance = null;
            double[] output = [];
            double error = double.NaN;

            void ProbeAt(long step)
            {
                output = PredictInBlocks(trainer, nodes);
                double seconds = clock.Elapsed.TotalSeconds;
                error = Probe(Network, step, seconds, output, history);
                if (toTolerance is null && error < tolerance)
                {
                    toTolerance = step;
                    secondsToTolerance = seconds;
                }

                if (handovers.Contains(step)) state.SaveHandover(_runDir, step, seconds, error, output);
                _options.OnProgress?.Invoke(new PoissonProgress(Network, index, _methodCount, step, net.Steps, error));
            }

            var schedule = new LearningRateSchedule(net.LearningRate, net.Schedule, net.DecaySteps, net.Gamma, (int)net.Steps);
            ProbeAt(0);
            for (long step = 1; step <= net.Steps; step++)
            {
                if (cancellation.IsCancellationRequested) return null;
                bool probe = step % _config.Probe.Every == 0 || step == net.Steps || handovers.Contains(step);
                clock.Start();
                if (net.Schedule != ScheduleKind.None) OptimizerFactory.SetLearningRate(trainer.Optimizer, schedule.At((int)(step - 1)));
                trainer.Step();
                if (probe && cuda) TorchSharp.torch.cuda.synchronize(_device);
                clock.Stop();
                if (probe) ProbeAt(step);
            }

            state.SaveNetworkOutput(_runDir, output);
            return Summarise(Network, "network", toTolerance, secondsToTolerance, net.Steps, clock.Elapsed.TotalSeconds, error, history);
        }

        /// <summary>The network's output at every grid node, evaluated 65 536 nodes at a time (a 2-D grid can have millions).</summary>
        private static double[] PredictInBlocks(PdeTrainer trainer, Tensor nodes)
        {
            const long block = 65_536;
            long count = nodes.shape[0];
            if (count <= block) return trainer.Predict(nodes);
            var output = new double[count];
            for (long start = 0; start < count; start += block)
            {
                long length = Math.Min(block, count - start);
                using var slice = nodes.narrow(0, start, length);
                trainer.Predict(slice).CopyTo(output, start);
            }

            return output;
        }

        private double[] NodesFlat()
        {
            if (_setup.NodesY is null) return _setup.NodesX;
            var flat = new double[2 * _setup.NodesX.Length];
            for (int i = 0; i < _setup.NodesX.Length; i++)
            {
                flat[2 * i] = _setup.NodesX[i];
                flat[2 * i + 1] = _setup.NodesY[i];
            }

            return flat;
        }

        /// <summary>Writes the errors.csv row (and modes.csv rows when <paramref name="history"/> is given); returns ‖u − u_h‖∞.</summary>
        private double Probe(string method, long iteration, double seconds, ReadOnlySpan<double> u, ModeHistory? history)
        {
            var uh = _setup.Discrete;
            double inf = 0, sum = 0;
            for (int i = 0; i < _error.Length; i++)
            {
                double e = u[i] - uh[i];
                _error[i] = e;
                inf = Math.Max(inf, Math.Abs(e));
                sum += e * e;
            }

            if (!double.IsFinite(sum)) inf = double.NaN;
            string it = iteration.ToString(CultureInfo.InvariantCulture);
            _errors!.Append(string.Join(',', method, it, CsvFormat.FormatDouble(seconds), CsvFormat.FormatDouble(inf),
                CsvFormat.FormatDouble(Math.Sqrt(sum / _error.Length))));
            if (history is not null)
            {
                var amplitudes = ModeSpectrum.Amplitudes(_setup.Grid, _error);
                var sb = new StringBuilder();
                foreach (int k in _setup.Recorded)
                {
                    sb.Clear().Append(method).Append(',').Append(it).Append(',').Append(k.ToString(CultureInfo.InvariantCulture)).Append(',')
                        .Append(CsvFormat.FormatDouble(_setup.Frequency(k))).Append(',')
                        .Append(CsvFormat.FormatDouble(amplitudes[k] / _setup.SolutionAmplitudes[k]));
                    _modes!.Append(sb.ToString());
                }

                history.Add(iteration, _setup.Analysed.Select(k => amplitudes[k] / _setup.SolutionAmplitudes[k]).ToArray());
            }

            return inf;
        }

        private PoissonMethodSummary Summarise(string method, string kind, long? toTolerance, double? secondsToTolerance, long iterations,
            double seconds, double finalError, ModeHistory? history)
        {
            IReadOnlyList<ModeConvergence>? modes = null;
            IReadOnlyList<int>? order = null;
            double? index = null;
            if (history is not null && _setup.Analysed.Length > 0)
            {
                var converged = Enumerable.Range(0, _setup.Analysed.Length)
                    .Select(i => Convergence.Analyze(history.Iterations, history.Errors(i), _config.Probe.Epsilon).ConvergedAtStep).ToList();
                modes = _setup.Analysed.Select((k, i) => new ModeConvergence(k, converged[i])).ToList();
                order = SpectralBiasIndex.ConvergenceOrder(_setup.Analysed, converged);
                index = SpectralBiasIndex.Compute(_setup.Analysed.Select(k => (double)k).ToList(), converged);
            }

            return new PoissonMethodSummary
            {
                Method = method,
                Kind = kind,
                Reached = toTolerance is not null,
                IterationsToTolerance = toTolerance,
                SecondsToTolerance = secondsToTolerance,
                Iterations = iterations,
                Seconds = seconds,
                FinalError = finalError,
                ModeConvergence = modes,
                ConvergenceOrder = order,
                SpectralBiasIndex = index,
            };
        }

        /// <summary>
        /// solution.csv: the discrete solution, the analytic one (when known) and the network's final output (written
        /// at the start without it, and again at the end).
        /// </summary>
        public void WriteSolution(double[]? network)
        {
            bool twoD = _setup.NodesY is not null;
            var sb = new StringBuilder(twoD ? "x,y,discrete,exact,network\n" : "x,discrete,exact,network\n");
            for (int i = 0; i < _setup.Discrete.Length; i++)
            {
                sb.Append(CsvFormat.FormatDouble(_setup.NodesX[i])).Append(',');
                if (twoD) sb.Append(CsvFormat.FormatDouble(_setup.NodesY![i])).Append(',');
                sb.Append(CsvFormat.FormatDouble(_setup.Discrete[i])).Append(',');
                if (_setup.Exact is not null) sb.Append(CsvFormat.FormatDouble(_setup.Exact[i]));
                sb.Append(',');
                if (network is not null) sb.Append(CsvFormat.FormatDouble(network[i]));
                sb.Append('\n');
            }

            AtomicFile.WriteAllText(Path.Combine(_runDir, "solution.csv"), sb.ToString());
        }

        public void Dispose()
        {
            _errors?.Dispose();
            _modes?.Dispose();
            _errors = _modes = null;
        }
    }

    /// <summary>Probe iterations and each analysed mode's relative error at them.</summary>
    private sealed class ModeHistory(int modes)
    {
        private readonly List<double>[] _errors = Enumerable.Range(0, modes).Select(_ => new List<double>()).ToArray();

        public List<long> Iterations { get; } = [];

        public IReadOnlyList<double> Errors(int mode) => _errors[mode];

        public void Add(long iteration, double[] errors)
        {
            Iterations.Add(iteration);
            for (int i = 0; i < errors.Length; i++) _errors[i].Add(errors[i]);
        }
    }
}
