using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Spectral;
using FreqScope.Theory;
using FreqScope.Training;
using FreqScope.Models;
using FreqScope.Experiments.Fit1d;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments.Ntk;

/// <summary>One ntk run's network, kernel, linearised dynamics, tables and probe history.</summary>
internal sealed class NtkSession : IRunSession
{
    private readonly NtkExperimentConfig _config;
    private readonly RunContext _context;
    private readonly double[] _xTrain, _yTrain, _xTest, _yTest;
    private readonly Tensor _xTrainT, _yTrainT;
    private readonly Tensor? _xTestT;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly MseTrainer _trainer = null!;
    private readonly HashSet<long> _snapshots;
    private readonly RunTable<NtkTrajectoryRow> _trajectory;
    private readonly RunTable<NtkProjectionRow> _projections;
    private readonly RunTable<NtkOutputRow> _outputs;

    // Computed in Start, once the run folder exists (a failure there marks the run failed).
    private double[] _f0 = [], _f0Test = [], _c0 = [];
    private double[,] _kernel = new double[0, 0];
    private double[,]? _cross;
    private NtkSpectrum _spectrum = null!;
    private LinearisedDynamics _dynamics = null!;
    private double _initialResidualNorm, _initialTestResidualNorm, _initialLoss;
    private double? _spearman;
    private int _spearmanCount;
    private double _lossReal = double.NaN, _lossLinear = double.NaN, _discrepancy = double.NaN, _maxDiscrepancy;
    private double? _testDiscrepancy;
    private bool _disposed;

    public NtkSession(NtkExperimentConfig config, RunContext context)
    {
        _config = config;
        _context = context;
        var runDir = context.RunDirectory;
        var device = context.Device;
        _trajectory = NtkTrajectoryRow.Csv.Table(runDir);
        _projections = NtkProjectionRow.Csv.Table(runDir);
        _outputs = NtkOutputRow.Csv.Table(runDir);
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
            _trainer = new MseTrainer(_model, _xTrainT, _yTrainT, OptimizerFactory.PlainSgd(config.Training.LearningRate, _model.parameters()), MseTrainer.HalfMse);
        }
        catch
        {
            Dispose(); // what was built so far; the run is marked failed by the caller
            throw;
        }
    }

    public long ParameterCount => _model.parameters().Sum(p => p.numel());

    public IExperimentConfig Config => _config;

    public RunPlan Plan => new(_config.Training.Steps) { ProbeEvery = _config.Probe.Every };

    public IReadOnlyList<RunTable> Tables => [_trajectory, _projections, _outputs];

    /// <summary>None: the kernel and its linearisation are recomputed, so a resume runs the whole run again.</summary>
    public IReadOnlyList<ICheckpointPart> CheckpointParts => [];

    /// <summary>Computes the kernel at initialisation, its eigendecomposition and the linearised dynamics, and writes eigen.csv.</summary>
    public void Start(long? resumedAt)
    {
        _kernel = EmpiricalNtk.Compute(_model, _xTrainT, _config.Probe.NtkBatchSize);
        _cross = _xTestT is null ? null : EmpiricalNtk.Compute(_model, _xTestT, _xTrainT, _config.Probe.NtkBatchSize);
        _spectrum = new NtkSpectrum(_kernel);
        _f0 = Predict(_xTrainT);
        _f0Test = _xTestT is null ? [] : Predict(_xTestT);
        _dynamics = new LinearisedDynamics(_spectrum, _f0, _yTrain, _config.Training.LearningRate);
        _c0 = _spectrum.Project(Subtract(_f0, _yTrain));
        _initialResidualNorm = Norm(Subtract(_yTrain, _f0));
        _initialTestResidualNorm = Norm(Subtract(_yTest, _f0Test));
        _initialLoss = Loss(_f0, _yTrain);
        (var eigen, _spearman, _spearmanCount) = Eigen();
        NtkEigenRow.Csv.WriteFile(_context.RunDirectory, eigen);
    }

    /// <summary>eigen.csv's rows, the eigenvalue-rank/frequency Spearman ρ (null when undefined) and how many eigenvectors it covers.</summary>
    private (NtkEigenRow[] Rows, double? Rho, int Count) Eigen()
    {
        int n = _spectrum.Size;
        var d = _config.Data;
        double spacing = Grid.Spacing(d.Domain.Min, d.Domain.Max, n, d.IncludeEndpoint);
        var rows = new NtkEigenRow[n];
        var ranks = new List<double>();
        var frequencies = new List<double>();
        double lambda0 = _spectrum.Eigenvalues[0];
        for (int k = 0; k < n; k++)
        {
            int peak = NtkExperiment.DominantIndex(_spectrum.Eigenvector(k));
            double frequency = Dft.Frequency(peak, n, spacing);
            double lambda = _spectrum.Eigenvalues[k];
            rows[k] = new NtkEigenRow(k, lambda, peak, frequency);
            if (lambda > NtkExperiment.SpearmanCutoff * lambda0)
            {
                ranks.Add(k);
                frequencies.Add(frequency);
            }
        }

        double rho = RankStatistics.Spearman(ranks, frequencies);
        return (rows, double.IsNaN(rho) ? null : rho, ranks.Count);
    }

    /// <summary>One step of plain gradient descent on L = (1/2n) Σ (f − y)².</summary>
    public bool Step(long step, CancellationToken cancellation)
    {
        _trainer.Step(step);
        return true;
    }

    /// <summary>The step of the last probe (−1 before the first).</summary>
    public long LastProbe { get; private set; } = -1;

    /// <summary>Records trajectory.csv, projections.csv and (at snapshot steps) outputs.csv rows for step <paramref name="step"/>.</summary>
    public RunProgress Probe(long step)
    {
        LastProbe = step;
        int t = (int)Math.Min(step, int.MaxValue);
        var real = Predict(_xTrainT);
        var linear = _dynamics.PredictDiscrete(t);
        _lossReal = Loss(real, _yTrain);
        _lossLinear = Loss(linear, _yTrain);
        _discrepancy = Norm(Subtract(real, linear)) / _initialResidualNorm;
        _maxDiscrepancy = Math.Max(_maxDiscrepancy, _discrepancy);
        double[] realTest = [], linearTest = [];
        double? testLossReal = null, testLossLinear = null;
        if (_xTestT is not null)
        {
            realTest = Predict(_xTestT);
            linearTest = _dynamics.PredictDiscreteAt(_cross!, _f0Test, t);
            _testDiscrepancy = Norm(Subtract(realTest, linearTest)) / _initialTestResidualNorm;
            (testLossReal, testLossLinear) = (Loss(realTest, _yTest), Loss(linearTest, _yTest));
        }

        _trajectory.Append(new NtkTrajectoryRow(step, _lossReal, _lossLinear, _discrepancy, testLossReal, testLossLinear, _testDiscrepancy));

        var c = _spectrum.Project(Subtract(real, _yTrain));
        double rate = _config.Training.LearningRate / _spectrum.Size;
        for (int k = 0; k < _config.Probe.Eigenvectors; k++)
        {
            double lambda = _spectrum.Eigenvalues[k];
            double cLinear = _c0[k] * Math.Pow(1 - (rate * lambda), t);
            _projections.Append(new NtkProjectionRow(step, k, lambda, c[k], cLinear));
        }

        if (_snapshots.Contains(step) || step == _config.Training.Steps)
        {
            AppendOutputs(step, "train", _xTrain, _yTrain, real, linear);
            AppendOutputs(step, "test", _xTest, _yTest, realTest, linearTest);
        }

        _trajectory.Flush();
        _projections.Flush();
        _outputs.Flush();
        return _context.At(step, _config.Training.Steps, ("lossReal", _lossReal), ("lossLinear", _lossLinear), ("discrepancy", _discrepancy));
    }

    private void AppendOutputs(long step, string set, double[] x, double[] y, double[] real, double[] linear)
    {
        for (int i = 0; i < x.Length; i++) _outputs.Append(new NtkOutputRow(step, set, x[i], y[i], real[i], linear[i]));
    }

    /// <summary>‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F with Θ_T computed now.</summary>
    public double KernelDrift() => NtkExperiment.RelativeFrobenius(_kernel, EmpiricalNtk.Compute(_model, _xTrainT, _config.Probe.NtkBatchSize));

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
                + (rho >= 0.5 ? " (larger eigenvalues, learnt faster, go with lower frequencies)."
                    : rho > 0 ? " (a weak tendency of larger eigenvalues to go with lower frequencies)." : "."));
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

    public object Finish(long step, double trainingSeconds) => Summary(step, finished: true, KernelDrift());

    /// <summary>The files and the partial summary end at the step reached.</summary>
    public object? Interrupt(long step)
    {
        if (LastProbe != step) Probe(step);
        return Summary(step, finished: false, null);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _trajectory.Dispose();
        _projections.Dispose();
        _outputs.Dispose();
        // Null-conditional: a constructor that failed half-way disposes what it had built.
        _trainer?.Dispose();
        _model?.Dispose();
        _xTrainT?.Dispose();
        _yTrainT?.Dispose();
        _xTestT?.Dispose();
    }
}
