using System.Globalization;
using System.Diagnostics;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Models;
using FreqScope.Solvers;
using FreqScope.Spectral;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments.Poisson;

/// <summary>One poisson run's tables, state and probing; one method runs at a time (a loop step is a method).</summary>
internal sealed class PoissonSession : IRunSession
{
    private readonly PoissonExperimentConfig _config;
    private readonly PoissonSetup _setup;
    private readonly string _runDir;
    private readonly Device _device;
    private readonly RunContext _context;
    private readonly IReadOnlyList<string> _plan;
    private readonly double[] _error;
    private readonly RunTable<PoissonErrorRow> _errors;
    private readonly RunTable<PoissonModeRow> _modes;
    private readonly PoissonState _state;

    public PoissonSession(PoissonExperimentConfig config, PoissonSetup setup, RunContext context)
    {
        _config = config;
        _setup = setup;
        _context = context;
        _runDir = context.RunDirectory;
        _device = context.Device;
        _plan = PoissonExperiment.Plan(config);
        _error = new double[setup.Grid.Unknowns];
        _errors = PoissonErrorRow.Csv.Table(_runDir);
        _modes = PoissonModeRow.Csv.Table(_runDir);
        _state = new PoissonState(_runDir);
    }

    public IExperimentConfig Config => _config;

    /// <summary>A step is a method (the relaxations, the network, the hybrids), checkpointed after each.</summary>
    public RunPlan Plan => new(_plan.Count) { CheckpointEvery = 1 };

    public IReadOnlyList<RunTable> Tables => [_errors, _modes];

    public IReadOnlyList<ICheckpointPart> CheckpointParts => [_state];

    /// <summary>Compiles the solvers still to come on a throwaway problem; a fresh run writes the solution without the network.</summary>
    public void Start(long? resumedAt)
    {
        WarmUp(_plan.Skip((int)(resumedAt ?? 0)).ToList());
        if (resumedAt is null) WriteSolution(null);
    }

    /// <summary>Runs method <paramref name="step"/> of the plan; false when it was cancelled part-way (it runs again on resume).</summary>
    public bool Step(long step, CancellationToken cancellation)
    {
        var result = RunMethod(_plan[(int)step], (int)step, _state, cancellation);
        if (result is null) return false;
        _state.Methods.Add(result);
        return true;
    }

    public RunProgress Probe(long step) => throw new InvalidOperationException("a poisson run records inside its methods");

    /// <summary>Set when the network method's error stopped being a finite number (its training stops there).</summary>
    public string? Divergence { get; private set; }

    public object Finish(long step, double trainingSeconds)
    {
        WriteSolution(_state.NetworkOutput(_setup.Grid.Unknowns));
        return PoissonExperiment.BuildSummary(_config, _setup, _state, finished: true);
    }

    public object? Interrupt(long step) => PoissonExperiment.BuildSummary(_config, _setup, _state, finished: false);

    /// <summary>
    /// A method's progress: relaxations are probed at log-spaced sweeps, so progress within a method is counted on a
    /// log scale.
    /// </summary>
    private RunProgress Progress(string method, int index, long iteration, long limit, double error) =>
        new(index, _plan.Count, (index + Math.Min(1.0, Math.Log(1 + iteration) / Math.Log(1 + Math.Max(1, limit)))) / Math.Max(1, _plan.Count), _context.Clock.Elapsed,
            new Dictionary<string, double> { ["iteration"] = iteration, ["iterationLimit"] = limit, ["error"] = error })
        { Phase = method };

    /// <summary>
    /// Runs each solver that is still to come once on a throwaway problem, so that one-time costs (compiling the
    /// relaxation kernels, libtorch's first calls) are not counted in the first method's wall time.
    /// </summary>
    public void WarmUp(IReadOnlyList<string> methods)
    {
        var p = _config.Problem;
        var grid = new PoissonGrid(p.Dimension, p.Min, p.Max, 8);
        var kinds = _config.Classic.Methods.Where(k => methods.Contains(PoissonExperiment.MethodName(k))).ToList();
        if (_config.Hybrid is { } hybrid && methods.Any(m => m.StartsWith("hybrid-", StringComparison.Ordinal))) kinds.Add(hybrid.Relaxation);
        foreach (var kind in kinds.Distinct())
        {
            var relaxation = new Relaxation(grid, new double[grid.Unknowns], kind, _config.Classic.Omega, new double[grid.Unknowns]);
            relaxation.Run(4);
            relaxation.RunUntil(new double[grid.Unknowns], 1.0, 4, 2);
        }

        if (_config.Network is { } net && methods.Contains(PoissonExperiment.Network))
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
        if (method == PoissonExperiment.Network) return RunNetwork(index, state, cancellation);
        if (method.StartsWith("hybrid-", StringComparison.Ordinal))
        {
            long step = long.Parse(method["hybrid-".Length..], CultureInfo.InvariantCulture);
            var handover = state.Handovers.Single(h => h.Step == step);
            var start = state.HandoverOutput(step, _setup.Grid.Unknowns);
            // A network that diverged now stops the run (Divergence), but a folder interrupted by an earlier FreqScope
            // may hold a NaN or ∞ handover: no relaxation can recover from that, so the hybrid is recorded as failing
            // at once instead of sweeping to the limit.
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

        var kind = _config.Classic.Methods.Single(k => PoissonExperiment.MethodName(k) == method);
        return RunRelaxation(method, index, kind, new double[_setup.Grid.Unknowns], 0, recordModes: true, cancellation);
    }

    private PoissonMethodSummary? RunRelaxation(string method, int index, RelaxationKind kind, double[] initial, double startSeconds,
        bool recordModes, CancellationToken cancellation)
    {
        var relaxation = new Relaxation(_setup.Grid, _setup.Rhs, kind, _config.Classic.Omega, initial);
        var history = new PoissonModeHistory(_setup.Analysed.Length);
        var clock = new Stopwatch();
        long max = _config.Classic.MaxIterations;
        double tolerance = _config.Tolerance;
        double Seconds() => startSeconds + clock.Elapsed.TotalSeconds;
        double error = Probe(method, 0, startSeconds, relaxation.Current, recordModes ? history : null);
        long? toTolerance = error < tolerance ? 0 : null;
        double? secondsToTolerance = toTolerance is null ? null : startSeconds;
        foreach (long target in PoissonExperiment.ProbeIterations(max, _config.Probe.Points))
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
            _context.Progress(Progress(method, index, relaxation.Iterations, max, error));
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
        var history = new PoissonModeHistory(_setup.Analysed.Length);
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
            error = Probe(PoissonExperiment.Network, step, seconds, output, history);
            if (toTolerance is null && error < tolerance)
            {
                toTolerance = step;
                secondsToTolerance = seconds;
            }

            if (handovers.Contains(step)) state.SaveHandover(step, seconds, error, output);
            _context.Progress(Progress(PoissonExperiment.Network, index, step, net.Steps, error));
        }

        var schedule = new LearningRateSchedule(net.LearningRate, net.Schedule, net.DecaySteps, net.Gamma, (int)net.Steps);
        long trained = net.Steps;
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
            if (!probe) continue;
            ProbeAt(step);
            if (!double.IsFinite(error))
            {
                // Diverged: the run stops here as diverged (no hybrid could start from a non-finite handover).
                Divergence = $"the network's error is {(double.IsNaN(error) ? "NaN" : "+∞")} at its training step {step}";
                trained = step;
                break;
            }
        }

        state.SaveNetworkOutput(output);
        return Summarise(PoissonExperiment.Network, "network", toTolerance, secondsToTolerance, trained, clock.Elapsed.TotalSeconds, error, history);
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
    private double Probe(string method, long iteration, double seconds, ReadOnlySpan<double> u, PoissonModeHistory? history)
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
        _errors.Append(new PoissonErrorRow(method, iteration, seconds, inf, Math.Sqrt(sum / _error.Length)));
        if (history is not null)
        {
            var amplitudes = ModeSpectrum.Amplitudes(_setup.Grid, _error);
            foreach (int k in _setup.Recorded)
                _modes.Append(new PoissonModeRow(method, iteration, k, _setup.Frequency(k), amplitudes[k] / _setup.SolutionAmplitudes[k]));

            history.Add(iteration, _setup.Analysed.Select(k => amplitudes[k] / _setup.SolutionAmplitudes[k]).ToArray());
        }

        return inf;
    }

    private PoissonMethodSummary Summarise(string method, string kind, long? toTolerance, double? secondsToTolerance, long iterations,
        double seconds, double finalError, PoissonModeHistory? history)
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
        var csv = _setup.NodesY is null ? PoissonSolutionRow.Solution1dCsv : PoissonSolutionRow.Solution2dCsv;
        csv.WriteFile(_runDir, _setup.Discrete.Select((u, i) => new PoissonSolutionRow(_setup.NodesX[i], _setup.NodesY?[i], u, _setup.Exact?[i], network?[i])));
    }

    public void Dispose()
    {
        _errors.Dispose();
        _modes.Dispose();
    }
}
