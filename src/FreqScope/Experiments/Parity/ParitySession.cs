using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Spectral;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments.Parity;

/// <summary>One parity run's network, data and tables.</summary>
internal sealed class ParitySession : IRunSession
{
    private readonly ParityExperimentConfig _config;
    private readonly string _runDir;
    private readonly ParitySplit _split;
    private readonly Tensor _xTrain, _yTrain, _xTest, _yTest;
    private readonly RadialSpectrum _spectrum;
    private readonly double _chance;
    private readonly RunContext _context;
    private readonly RunTable<ParityMetricRow> _metricsCsv;
    private readonly RunTable<ParitySpectrumRow> _spectraCsv;
    private readonly ParityTargetRow[] _target;
    private readonly Mlp _model;
    private readonly MseTrainer _trainer;

    public ParitySession(ParityExperimentConfig config, RunContext context)
    {
        _config = config;
        _context = context;
        _runDir = context.RunDirectory;
        var device = context.Device;
        _metricsCsv = ParityMetricRow.Csv.Table(_runDir);
        _spectraCsv = ParitySpectrumRow.Csv.Table(_runDir);
        _split = ParitySplit.Create(config.Data, config.Seed);
        _chance = ParitySplit.MajorityFraction(_split.TestLabels);
        var directions = RadialSpectrum.RandomDirections(config.Data.Dimension, config.Probe.Directions, config.Seed ^ 0x5DEECE66DL);
        var radii = config.Probe.RadiusGrid();
        _spectrum = new RadialSpectrum(_split.Train, radii, directions);
        var targetTrain = _spectrum.Power(_split.TrainLabels);
        var all = _split.Train.Concat(_split.Test).ToArray();
        var many = RadialSpectrum.RandomDirections(config.Data.Dimension, config.Probe.TargetDirections, config.Seed ^ 0x2545F4914F6CDD1DL);
        var targetAll = RadialSpectrum.PowerOnce(all, [.. _split.TrainLabels, .. _split.TestLabels], radii, many);
        _target = [.. radii.Select((r, s) => new ParityTargetRow(r, targetTrain[s], targetAll[s]))];

        manual_seed(config.Seed);
        _model = new Mlp(config.Data.Dimension, config.Model.Hidden, 1, config.Model.Activation);
        Initializer.Apply(_model, config.Model.WeightInit, config.Model.BiasInit);
        _model.to(device);
        _xTrain = Points(_split.Train, device);
        _xTest = Points(_split.Test, device);
        _yTrain = tensor(_split.TrainLabels.Select(v => (float)v).ToArray(), device: device).reshape(-1, 1);
        _yTest = tensor(_split.TestLabels.Select(v => (float)v).ToArray(), device: device).reshape(-1, 1);
        var optimizer = OptimizerFactory.Create(config.Training, _model.parameters());
        _trainer = new MseTrainer(_model, _xTrain, _yTrain, optimizer, MseTrainer.Mse, config.Training.BatchSize, config.Seed);
    }

    public IExperimentConfig Config => _config;

    public RunPlan Plan => new(_config.Training.Steps) { ProbeEvery = _config.Probe.Every, CheckpointEvery = _config.Training.CheckpointEvery };

    public IReadOnlyList<RunTable> Tables => [_metricsCsv, _spectraCsv];

    public IReadOnlyList<ICheckpointPart> CheckpointParts => [new ModuleCheckpointPart(_model), new OptimizerCheckpointPart(_trainer.Optimizer)];

    /// <summary>Writes the target's radial spectrum (also on resume: the same numbers).</summary>
    public void Start(long? resumedAt) => ParityTargetRow.Csv.WriteFile(_runDir, _target);

    private static Tensor Points(double[][] points, Device device) =>
        tensor(points.SelectMany(p => p.Select(v => (float)v)).ToArray(), device: device).reshape(points.Length, points.Length == 0 ? 1 : points[0].Length);

    public bool Step(long step, CancellationToken cancellation)
    {
        _trainer.Step(step);
        return true;
    }

    private double[] Output(Tensor x)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        return _model.forward(x).reshape(-1).to(float64).cpu().data<double>().ToArray();
    }

    private static (double Loss, double Accuracy) Score(double[] f, double[] y)
    {
        double loss = 0;
        int right = 0;
        for (int i = 0; i < f.Length; i++)
        {
            loss += (f[i] - y[i]) * (f[i] - y[i]);
            if ((f[i] >= 0 ? 1.0 : -1.0) == y[i]) right++;
        }

        return (loss / f.Length, (double)right / f.Length);
    }

    /// <summary>Records the metrics and the spectra.</summary>
    public RunProgress Probe(long step)
    {
        var fTrain = Output(_xTrain);
        var fTest = Output(_xTest);
        var (trainLoss, trainAccuracy) = Score(fTrain, _split.TrainLabels);
        var (testLoss, testAccuracy) = Score(fTest, _split.TestLabels);
        if (!double.IsFinite(trainLoss))
            throw new InvalidOperationException($"the loss is {trainLoss} at step {step}: training diverged; lower training.learningRate ({_config.Training.LearningRate.ToString("R", CultureInfo.InvariantCulture)})");
        _metricsCsv.Append(new ParityMetricRow(step, trainLoss, testLoss, trainAccuracy, testAccuracy));
        var output = _spectrum.Power(fTrain);
        var residual = _spectrum.Power(fTrain.Select((v, i) => v - _split.TrainLabels[i]).ToArray());
        for (int r = 0; r < output.Length; r++)
            _spectraCsv.Append(new ParitySpectrumRow(step, _spectrum.Radii[r], output[r], residual[r]));
        return _context.At(step, _config.Training.Steps, ("trainLoss", trainLoss), ("testLoss", testLoss), ("trainAccuracy", trainAccuracy), ("testAccuracy", testAccuracy));
    }

    /// <summary>Writes bands.csv from the rows on disk (those before a resume included); returns the summary.</summary>
    public object Finish(long step, double trainingSeconds)
    {
        _metricsCsv.Flush();
        _spectraCsv.Flush();
        var metrics = ParityMetricRow.Csv.Read(_runDir);
        var spectra = ParitySpectrumRow.Csv.Read(_runDir);
        var target = ParityTargetRow.Csv.Read(_runDir);
        var (summary, errors) = ParityExperiment.Summarise(_config, metrics, spectra, target, _chance, trainingSeconds);
        ParityBandRow.Csv.WriteFile(_runDir, metrics.SelectMany((m, t) => summary.Bands.Select((band, b) => new ParityBandRow(m.Step, b, band.RadiusMin, band.RadiusMax, errors[t][b]))));
        return summary;
    }

    public object? Interrupt(long step) => null;

    public void Dispose()
    {
        _xTrain.Dispose();
        _yTrain.Dispose();
        _xTest.Dispose();
        _yTest.Dispose();
        _trainer.Dispose();
        _model.Dispose();
    }
}
