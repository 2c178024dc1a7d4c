using System.Diagnostics;
using System.Globalization;
using System.Text;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Native;
using FreqScope.Reporting;
using FreqScope.Spectral;
using FreqScope.Theory;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments;

/// <summary>
/// The <c>ntk</c> experiment: a network trained by plain full-batch gradient descent against the closed-form prediction
/// of the same network linearised around its initial parameters θ₀.
/// </summary>
/// <remarks>
/// <para>
/// Steps: build the MLP from the seed (it runs in float64, so that rounding does not blur the linearisation error);
/// compute the empirical NTK Θ₀ on the n training points (<see cref="EmpiricalNtk"/>) and its eigendecomposition
/// (<see cref="NtkSpectrum"/>, float64); record f₀; train with θ ← θ − η∇L, L = (1/2n) Σ (f(x_i) − y_i)², probing every
/// <see cref="NtkProbeConfig.Every"/> steps; at the end compute Θ_T and the kernel drift ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F.
/// </para>
/// <para>
/// At a probe after t steps: the real outputs f_t; the linearised prediction f_lin = y + (I − ηΘ₀/n)^t (f₀ − y)
/// (<see cref="LinearisedDynamics.PredictDiscrete"/>; at test points <see cref="LinearisedDynamics.PredictDiscreteAt"/>
/// with the cross kernel Θ₀(x*, X)); both losses; the discrepancy ‖f_t − f_lin‖₂ / ‖y − f₀‖₂; and both residuals
/// (f − y) projected on the top K unit eigenvectors v_k of Θ₀, c_k = v_kᵀ(f − y) (the linear one is exactly
/// (1 − ηλ_k/n)^t c_k(0)).
/// </para>
/// <para>
/// Each eigenvector's frequency is the peak of its one-sided DFT magnitude (<see cref="Dft"/>) on the uniform training
/// grid, in cycles per unit length (<see cref="Dft.Frequency"/>). Files: eigen.csv, trajectory.csv, projections.csv,
/// outputs.csv, summary.json (see docs/run-folder.md). There is no checkpoint: <see cref="NtkRunOptions.Resume"/> runs
/// an unfinished run again from step 0.
/// </para>
/// </remarks>
public static class NtkExperiment
{
    /// <summary>Header of eigen.csv.</summary>
    public const string EigenHeader = "index,eigenvalue,dft_index,frequency";

    /// <summary>Header of trajectory.csv (test columns empty without test points).</summary>
    public const string TrajectoryHeader = "step,loss_real,loss_linear,discrepancy,test_loss_real,test_loss_linear,test_discrepancy";

    /// <summary>Header of projections.csv.</summary>
    public const string ProjectionsHeader = "step,k,eigenvalue,real,linear";

    /// <summary>Header of outputs.csv (<c>set</c> is <c>train</c> or <c>test</c>).</summary>
    public const string OutputsHeader = "step,set,x,target,real,linear";

    /// <summary>The data files a run writes, deleted before a resumed run starts again.</summary>
    public static IReadOnlyList<string> DataFiles { get; } = ["eigen.csv", "trajectory.csv", "projections.csv", "outputs.csv"];

    /// <summary>Eigenvalues at most this fraction of λ₀ are left out of the eigenvalue–frequency correlation (rounding noise).</summary>
    public const double SpearmanCutoff = 1e-10;

    /// <summary>
    /// A much smaller version of <paramref name="config"/> for smoke tests: at most 64 training and 64 test points,
    /// hidden widths at most 256, at most 50 steps probed every ≤ 10, at most 8 tracked eigenvectors.
    /// </summary>
    public static NtkExperimentConfig Smoke(NtkExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int train = Math.Min(config.Data.TrainCount, 64);
        return config with
        {
            Data = config.Data with { TrainCount = train, TestCount = Math.Min(config.Data.TestCount, 64) },
            Model = config.Model with { Hidden = [.. config.Model.Hidden.Select(w => Math.Min(w, 256))] },
            Training = config.Training with { Steps = Math.Min(config.Training.Steps, 50) },
            Probe = config.Probe with
            {
                Every = Math.Max(1, Math.Min(config.Probe.Every, 10)),
                Eigenvectors = Math.Min(Math.Min(config.Probe.Eigenvectors, 8), train),
            },
        };
    }

    /// <summary>Runs (or runs again, see <see cref="NtkRunOptions.Resume"/>) the experiment; returns when it finishes, fails or is cancelled.</summary>
    public static NtkRunResult Run(NtkExperimentConfig config, NtkRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var load = NativeLoader.EnsureLoaded();
        var runDir = Path.GetFullPath(options.RunDirectory);
        RunManifest? previous = null;
        if (options.Resume)
        {
            config = ConfigLoader.LoadAnyFile(RunFolder.ResumeConfigPath(runDir)) as NtkExperimentConfig
                ?? throw new InvalidOperationException($"cannot resume {runDir}: its config.json is not an ntk experiment");
            previous = RunFolder.ReadManifest(runDir);
            if (previous.Status == RunStatus.Finished)
                throw new InvalidOperationException($"cannot resume {runDir}: the run has already finished ({previous.StepsCompleted} steps)");
        }

        var device = DeviceSelector.Resolve(config.Device);
        if (options.Resume)
        {
            foreach (var file in DataFiles.Append(RunFolder.SummaryFile))
            {
                var path = Path.Combine(runDir, file);
                if (File.Exists(path)) File.Delete(path);
            }
        }
        else
        {
            RunFolder.Create(runDir, ConfigLoader.ToJsonAny(config));
        }

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        bool smoke = previous?.Smoke ?? options.Smoke;
        long step = 0;
        RunManifest Manifest(string status, string? error = null) =>
            RunManifest.Create(load, device, config.Seed, previous, started, clock, status, smoke, previous?.StepsCompleted, error) with
            {
                Experiment = NtkExperimentConfig.Ntk,
                StepsCompleted = step,
                StepsPlanned = config.Training.Steps,
            };

        Session? session = null;
        try
        {
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Running));
            if (cancellation.IsCancellationRequested) return Stop(null);
            session = new Session(config, options, runDir, device);
            session.Probe(0);
            long total = config.Training.Steps;
            while (step < total)
            {
                if (cancellation.IsCancellationRequested) return Stop(session);
                session.Step();
                step++;
                if (step % config.Probe.Every == 0 || step == total) session.Probe(step);
            }

            var drift = session.KernelDrift();
            var summary = session.Summary(step, finished: true, drift);
            RunFolder.WriteSummary(runDir, summary);
            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Finished));
            session.Dispose();
            session = null;
            if (options.BuildReport) RunReport.Build(runDir);
            return new NtkRunResult(runDir, RunStatus.Finished, step, summary);
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

        NtkRunResult Stop(Session? s)
        {
            NtkSummary? partial = null;
            if (s is not null)
            {
                if (s.LastProbe != step) s.Probe(step); // the summary and the files end at the step reached
                partial = s.Summary(step, finished: false, null);
                s.Dispose();
                RunFolder.WriteSummary(runDir, partial);
            }

            RunFolder.WriteManifest(runDir, Manifest(RunStatus.Interrupted));
            if (options.BuildReport && s is not null) RunReport.Build(runDir);
            return new NtkRunResult(runDir, RunStatus.Interrupted, step, partial);
        }
    }

    /// <summary>The dominant DFT index of each vector on a uniform grid: the argmax of its one-sided magnitude spectrum (the lowest index on ties).</summary>
    /// <param name="vector">Samples on a uniform grid (length ≥ 1).</param>
    /// <returns>An index in [0, n/2].</returns>
    public static int DominantIndex(double[] vector)
    {
        var magnitudes = Dft.OneSidedMagnitudes(Dft.Forward(vector));
        int best = 0;
        for (int k = 1; k < magnitudes.Length; k++)
            if (magnitudes[k] > magnitudes[best]) best = k;
        return best;
    }

    /// <summary>‖a − b‖_F / ‖a‖_F for two matrices of the same shape.</summary>
    public static double RelativeFrobenius(double[,] reference, double[,] other)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        if (reference.GetLength(0) != other.GetLength(0) || reference.GetLength(1) != other.GetLength(1))
            throw new ArgumentException("The matrices differ in shape.", nameof(other));
        double diff = 0, norm = 0;
        for (int i = 0; i < reference.GetLength(0); i++)
        {
            for (int j = 0; j < reference.GetLength(1); j++)
            {
                double d = other[i, j] - reference[i, j];
                diff += d * d;
                norm += reference[i, j] * reference[i, j];
            }
        }

        return Math.Sqrt(diff / norm);
    }

    /// <summary>A run's network, kernel, linearised dynamics, open files and probe history.</summary>
    private sealed class Session : IDisposable
    {
        private readonly NtkExperimentConfig _config;
        private readonly NtkRunOptions _options;
        private readonly double[] _xTrain, _yTrain, _xTest, _yTest, _f0, _f0Test, _c0;
        private readonly Tensor _xTrainT, _yTrainT;
        private readonly Tensor? _xTestT;
        private readonly nn.Module<Tensor, Tensor> _model;
        private readonly optim.Optimizer _optimizer;
        private readonly double[,] _kernel;
        private readonly double[,]? _cross;
        private readonly NtkSpectrum _spectrum;
        private readonly LinearisedDynamics _dynamics;
        private readonly HashSet<long> _snapshots;
        private readonly double _initialResidualNorm, _initialTestResidualNorm, _initialLoss;
        private readonly double? _spearman;
        private readonly int _spearmanCount;
        private CsvTable? _trajectory, _projections, _outputs;
        private double _lossReal = double.NaN, _lossLinear = double.NaN, _discrepancy = double.NaN, _maxDiscrepancy;
        private double? _testDiscrepancy;
        private bool _disposed;

        public Session(NtkExperimentConfig config, NtkRunOptions options, string runDir, Device device)
        {
            _config = config;
            _options = options;
            var d = config.Data;
            var target = TargetFactory.Create(config.Target, null);
            _xTrain = Grid.Uniform(d.Domain.Min, d.Domain.Max, d.TrainCount, d.IncludeEndpoint);
            _yTrain = [.. _xTrain.Select(target.Evaluate)];
            _xTest = d.TestCount == 0 ? [] : Grid.Uniform(d.Domain.Min, d.Domain.Max, d.TestCount, includeEndpoint: true);
            _yTest = [.. _xTest.Select(target.Evaluate)];
            _snapshots = FitExperiment.SnapshotSteps(config.Training.Steps, config.Probe.Every, config.Probe.Snapshots);

            _model = NetworkFactory.Create(config.Model, config.Seed);
            try
            {
                _model.to(float64).to(device);
                _xTrainT = Column(_xTrain, device);
                _yTrainT = tensor(_yTrain, float64, device);
                _xTestT = _xTest.Length == 0 ? null : Column(_xTest, device);
                _optimizer = OptimizerFactory.PlainSgd(config.Training.LearningRate, _model.parameters());

                _kernel = EmpiricalNtk.Compute(_model, _xTrainT, config.Probe.NtkBatchSize);
                _cross = _xTestT is null ? null : EmpiricalNtk.Compute(_model, _xTestT, _xTrainT, config.Probe.NtkBatchSize);
                _spectrum = new NtkSpectrum(_kernel);
                _f0 = Predict(_xTrainT);
                _f0Test = _xTestT is null ? [] : Predict(_xTestT);
                _dynamics = new LinearisedDynamics(_spectrum, _f0, _yTrain, config.Training.LearningRate);
                _c0 = _spectrum.Project(Subtract(_f0, _yTrain));
                _initialResidualNorm = Norm(Subtract(_yTrain, _f0));
                _initialTestResidualNorm = Norm(Subtract(_yTest, _f0Test));
                _initialLoss = Loss(_f0, _yTrain);
                (_spearman, _spearmanCount) = WriteEigen(Path.Combine(runDir, "eigen.csv"));

                _trajectory = CsvTable.Open(Path.Combine(runDir, "trajectory.csv"), TrajectoryHeader, null);
                _projections = CsvTable.Open(Path.Combine(runDir, "projections.csv"), ProjectionsHeader, null);
                _outputs = CsvTable.Open(Path.Combine(runDir, "outputs.csv"), OutputsHeader, null);
            }
            catch
            {
                Dispose(); // what was built so far; the run is marked failed by the caller
                throw;
            }
        }

        public long ParameterCount => _model.parameters().Sum(p => p.numel());

        /// <summary>eigen.csv; returns the eigenvalue-rank/frequency Spearman ρ (null when undefined) and how many eigenvectors it covers.</summary>
        private (double? Rho, int Count) WriteEigen(string path)
        {
            int n = _spectrum.Size;
            var d = _config.Data;
            double spacing = Grid.Spacing(d.Domain.Min, d.Domain.Max, n, d.IncludeEndpoint);
            var sb = new StringBuilder(EigenHeader).Append('\n');
            var ranks = new List<double>();
            var frequencies = new List<double>();
            double lambda0 = _spectrum.Eigenvalues[0];
            for (int k = 0; k < n; k++)
            {
                int peak = DominantIndex(_spectrum.Eigenvector(k));
                double frequency = Dft.Frequency(peak, n, spacing);
                double lambda = _spectrum.Eigenvalues[k];
                sb.Append(k.ToString(CultureInfo.InvariantCulture)).Append(',').Append(CsvFormat.FormatDouble(lambda)).Append(',')
                    .Append(peak.ToString(CultureInfo.InvariantCulture)).Append(',').Append(CsvFormat.FormatDouble(frequency)).Append('\n');
                if (lambda > SpearmanCutoff * lambda0)
                {
                    ranks.Add(k);
                    frequencies.Add(frequency);
                }
            }

            AtomicFile.WriteAllText(path, sb.ToString());
            double rho = RankStatistics.Spearman(ranks, frequencies);
            return (double.IsNaN(rho) ? null : rho, ranks.Count);
        }

        /// <summary>One step of plain gradient descent on L = (1/2n) Σ (f − y)².</summary>
        public void Step()
        {
            using var scope = NewDisposeScope();
            _optimizer.zero_grad();
            var residual = _model.forward(_xTrainT).view(-1) - _yTrainT;
            var loss = residual.square().mean() * 0.5;
            loss.backward();
            _optimizer.step();
        }

        /// <summary>The step of the last probe (−1 before the first).</summary>
        public long LastProbe { get; private set; } = -1;

        /// <summary>Records trajectory.csv, projections.csv and (at snapshot steps) outputs.csv rows for step <paramref name="step"/>.</summary>
        public void Probe(long step)
        {
            LastProbe = step;
            int t = (int)Math.Min(step, int.MaxValue);
            var real = Predict(_xTrainT);
            var linear = _dynamics.PredictDiscrete(t);
            _lossReal = Loss(real, _yTrain);
            _lossLinear = Loss(linear, _yTrain);
            _discrepancy = Norm(Subtract(real, linear)) / _initialResidualNorm;
            _maxDiscrepancy = Math.Max(_maxDiscrepancy, _discrepancy);
            string s = step.ToString(CultureInfo.InvariantCulture);
            var row = new StringBuilder().Append(s).Append(',').Append(CsvFormat.FormatDouble(_lossReal)).Append(',')
                .Append(CsvFormat.FormatDouble(_lossLinear)).Append(',').Append(CsvFormat.FormatDouble(_discrepancy));
            double[] realTest = [], linearTest = [];
            if (_xTestT is not null)
            {
                realTest = Predict(_xTestT);
                linearTest = _dynamics.PredictDiscreteAt(_cross!, _f0Test, t);
                _testDiscrepancy = Norm(Subtract(realTest, linearTest)) / _initialTestResidualNorm;
                row.Append(',').Append(CsvFormat.FormatDouble(Loss(realTest, _yTest))).Append(',')
                    .Append(CsvFormat.FormatDouble(Loss(linearTest, _yTest))).Append(',').Append(CsvFormat.FormatDouble(_testDiscrepancy.Value));
            }
            else
            {
                row.Append(",,,");
            }

            _trajectory!.Append(row.ToString());

            var c = _spectrum.Project(Subtract(real, _yTrain));
            double rate = _config.Training.LearningRate / _spectrum.Size;
            for (int k = 0; k < _config.Probe.Eigenvectors; k++)
            {
                double lambda = _spectrum.Eigenvalues[k];
                double cLinear = _c0[k] * Math.Pow(1 - (rate * lambda), t);
                _projections!.Append(string.Join(',', s, k.ToString(CultureInfo.InvariantCulture), CsvFormat.FormatDouble(lambda),
                    CsvFormat.FormatDouble(c[k]), CsvFormat.FormatDouble(cLinear)));
            }

            if (_snapshots.Contains(step) || step == _config.Training.Steps)
            {
                AppendOutputs(s, "train", _xTrain, _yTrain, real, linear);
                AppendOutputs(s, "test", _xTest, _yTest, realTest, linearTest);
            }

            _trajectory.Flush();
            _projections!.Flush();
            _outputs!.Flush();
            _options.OnProgress?.Invoke(new NtkProgress(step, _config.Training.Steps, _lossReal, _lossLinear, _discrepancy));
        }

        private void AppendOutputs(string step, string set, double[] x, double[] y, double[] real, double[] linear)
        {
            for (int i = 0; i < x.Length; i++)
            {
                _outputs!.Append(string.Join(',', step, set, CsvFormat.FormatDouble(x[i]), CsvFormat.FormatDouble(y[i]),
                    CsvFormat.FormatDouble(real[i]), CsvFormat.FormatDouble(linear[i])));
            }
        }

        /// <summary>‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F with Θ_T computed now.</summary>
        public double KernelDrift() => RelativeFrobenius(_kernel, EmpiricalNtk.Compute(_model, _xTrainT, _config.Probe.NtkBatchSize));

        public NtkSummary Summary(long step, bool finished, double? drift)
        {
            double stability = _config.Training.LearningRate * _spectrum.Eigenvalues[0] / _spectrum.Size;
            return new NtkSummary
            {
                Finished = finished,
                StepsCompleted = step,
                TrainCount = _xTrain.Length,
                TestCount = _xTest.Length,
                ParameterCount = ParameterCount,
                LearningRate = _config.Training.LearningRate,
                LargestEigenvalue = _spectrum.Eigenvalues[0],
                SmallestEigenvalue = _spectrum.Eigenvalues[^1],
                StabilityFactor = stability,
                InitialLoss = _initialLoss,
                FinalLossReal = _lossReal,
                FinalLossLinear = _lossLinear,
                FinalDiscrepancy = _discrepancy,
                MaxDiscrepancy = _maxDiscrepancy,
                FinalTestDiscrepancy = _testDiscrepancy,
                KernelDrift = drift,
                EigenFrequencySpearman = _spearman,
                SpearmanEigenvectors = _spearmanCount,
                Verdict = Verdict(step, finished, drift, stability),
            };
        }

        private string Verdict(long step, bool finished, double? drift, double stability)
        {
            var inv = CultureInfo.InvariantCulture;
            var parts = new List<string>
            {
                string.Create(inv, $"Over {step} steps the network stayed within {Percent(_maxDiscrepancy)} of its linearisation (largest ‖f − f_lin‖ / ‖y − f₀‖; {Percent(_discrepancy)} at the end)")
                + (drift is double k ? string.Create(inv, $" and its NTK moved by {Percent(k)} (‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F).") : "."),
            };
            if (stability >= 2)
                parts.Add(string.Create(inv, $"ηλ₀/n = {stability:G3} ≥ 2: the linearised gradient descent diverges."));
            if (_spearman is double rho)
            {
                parts.Add(string.Create(inv, $"Eigenvalue rank against eigenvector frequency: Spearman ρ = {rho:+0.00;-0.00;0.00} over {_spearmanCount} eigenvectors")
                    + (rho > 0 ? " (larger eigenvalues, learnt faster, go with lower frequencies)." : "."));
            }

            if (!finished) parts.Add("The run was interrupted; there is no kernel drift.");
            return string.Join(" ", parts);
        }

        private static string Percent(double value) => double.IsFinite(value)
            ? (100 * value).ToString("G3", CultureInfo.InvariantCulture) + " %"
            : CsvFormat.FormatDouble(value);

        private double[] Predict(Tensor x)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            return _model.forward(x).view(-1).to(float64, CPU).data<double>().ToArray();
        }

        private static Tensor Column(double[] x, Device device) => tensor(x, float64, device).view(-1, 1);

        private static double Loss(double[] f, double[] y)
        {
            double sum = 0;
            for (int i = 0; i < f.Length; i++) sum += (f[i] - y[i]) * (f[i] - y[i]);
            return sum / (2 * f.Length);
        }

        private static double[] Subtract(double[] a, double[] b)
        {
            var r = new double[a.Length];
            for (int i = 0; i < a.Length; i++) r[i] = a[i] - b[i];
            return r;
        }

        private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _trajectory?.Dispose();
            _projections?.Dispose();
            _outputs?.Dispose();
            _trajectory = _projections = _outputs = null;
            // Null-conditional: a constructor that failed half-way disposes what it had built.
            _optimizer?.Dispose();
            _model?.Dispose();
            _xTrainT?.Dispose();
            _yTrainT?.Dispose();
            _xTestT?.Dispose();
        }
    }
}
