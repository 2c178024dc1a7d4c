using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Spectral;
using FreqScope.Training;
using FreqScope.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments.ImageFit;

/// <summary>One image-fit run's network, pixels and tables.</summary>
internal sealed class ImageFitSession : IRunSession
{
    private readonly ImageFitExperimentConfig _config;
    private readonly string _runDir;
    private readonly int _height, _width;
    private readonly double[] _image;
    private readonly System.Numerics.Complex[] _imageSpectrum;
    private readonly bool[] _isTrain;
    private readonly Tensor _grid, _xTrain, _yTrain;
    private readonly IReadOnlySet<long> _snapshots;
    private readonly double[] _bandEdges;
    private readonly RunContext _context;
    private readonly RunTable<ImageFitMetricRow> _metricsCsv;
    private readonly RunTable<ImageFitBandRow> _bandsCsv;
    private readonly RunTable<ImageFitPixelRow> _predictionsCsv;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly MseTrainer _trainer;

    public ImageFitSession(ImageFitExperimentConfig config, RunContext context)
    {
        _config = config;
        _context = context;
        _runDir = context.RunDirectory;
        var device = context.Device;
        _metricsCsv = ImageFitMetricRow.Csv.Table(_runDir);
        _bandsCsv = ImageFitBandRow.Csv.Table(_runDir);
        _predictionsCsv = ImageFitPixelRow.PredictionsCsv.Table(_runDir);
        (_height, _width, _image) = ImageFitExperiment.LoadImage(config.Image, null);
        _imageSpectrum = ImageSpectrum.Forward(_image, _height, _width);
        _bandEdges = ImageSpectrum.BandEdges(_height, _width, config.Probe.Bands);
        _snapshots = ImageFitExperiment.SnapshotSteps(config);
        int n = _height * _width;
        var coordinates = new float[2 * n];
        _isTrain = new bool[n];
        var trainIndex = new List<long>();
        for (int i = 0; i < _height; i++)
        {
            for (int j = 0; j < _width; j++)
            {
                int k = i * _width + j;
                coordinates[2 * k] = (float)((double)j / _width);
                coordinates[2 * k + 1] = (float)((double)i / _height);
                _isTrain[k] = i % 2 == 0 && j % 2 == 0;
                if (_isTrain[k]) trainIndex.Add(k);
            }
        }

        _model = NetworkFactory.Create(config.Model, config.Seed, 2);
        _model.to(device);
        _grid = tensor(coordinates, device: device).reshape(n, 2);
        using (var index = tensor(trainIndex.ToArray(), device: device))
        {
            _xTrain = _grid.index_select(0, index);
            _yTrain = tensor(trainIndex.Select(k => (float)_image[k]).ToArray(), device: device).reshape(trainIndex.Count, 1);
        }

        var t = config.Training;
        _trainer = new MseTrainer(_model, _xTrain, _yTrain, OptimizerFactory.Create(t, _model.parameters()), MseTrainer.Mse);
    }

    public IExperimentConfig Config => _config;

    public RunPlan Plan => new(_config.Training.Steps) { ProbeEvery = _config.Probe.Every, CheckpointEvery = _config.Training.CheckpointEvery };

    public IReadOnlyList<RunTable> Tables => [_metricsCsv, _bandsCsv, _predictionsCsv];

    public IReadOnlyList<ICheckpointPart> CheckpointParts => [new ModuleCheckpointPart(_model), new OptimizerCheckpointPart(_trainer.Optimizer)];

    /// <summary>A fresh run writes the image and which pixels train.</summary>
    public void Start(long? resumedAt)
    {
        if (resumedAt is null) WriteImage();
    }

    private void WriteImage() => ImageFitPixelRow.ImageCsv.WriteFile(_runDir,
        Enumerable.Range(0, _height * _width).Select(k => new ImageFitPixelRow(0, k / _width, k % _width, _image[k], _isTrain[k] ? "train" : "test")));

    /// <summary>One full-batch step on the mean squared error over the train pixels.</summary>
    public bool Step(long step, CancellationToken cancellation)
    {
        _trainer.Step(step);
        return true;
    }

    /// <summary>Records metrics, band errors and (at snapshot steps) the prediction.</summary>
    public RunProgress Probe(long step)
    {
        double[] f;
        using (no_grad())
        using (NewDisposeScope())
        {
            f = _model.forward(_grid).reshape(-1).to(float64).cpu().data<double>().ToArray();
        }

        double trainSum = 0, testSum = 0;
        int trainCount = 0, testCount = 0;
        for (int k = 0; k < f.Length; k++)
        {
            double d = f[k] - _image[k];
            if (_isTrain[k]) { trainSum += d * d; trainCount++; }
            else { testSum += d * d; testCount++; }
        }

        double trainMse = trainSum / trainCount, testMse = testSum / testCount;
        if (!double.IsFinite(trainMse))
            throw new InvalidOperationException($"the train MSE is {trainMse} at step {step}: training diverged; lower training.learningRate ({_config.Training.LearningRate.ToString("R", CultureInfo.InvariantCulture)})");
        double trainPsnr = Psnr.FromMse(trainMse), testPsnr = Psnr.FromMse(testMse);
        _metricsCsv.Append(new ImageFitMetricRow(step, trainMse, trainPsnr, testMse, testPsnr));
        var errors = ImageSpectrum.BandRelativeErrors(ImageSpectrum.Forward(f, _height, _width), _imageSpectrum, _height, _width, _config.Probe.Bands);
        double half = Math.Min(_height, _width) / 2.0;
        for (int b = 0; b < errors.Length; b++)
        {
            double high = b + 1 < _bandEdges.Length ? _bandEdges[b + 1] : half;
            _bandsCsv.Append(new ImageFitBandRow(step, b, _bandEdges[b], high, errors[b]));
        }

        if (_snapshots.Contains(step))
        {
            for (int k = 0; k < f.Length; k++) _predictionsCsv.Append(new ImageFitPixelRow(step, k / _width, k % _width, f[k], ""));
        }

        return _context.At(step, _config.Training.Steps, ("trainPsnr", trainPsnr), ("testPsnr", testPsnr));
    }

    /// <summary>The summary from the tables (the rows before a resume included).</summary>
    public object Finish(long step, double trainingSeconds)
    {
        foreach (var table in Tables) table.Flush();
        return ImageFitExperiment.Summarise(_config, _runDir, step, trainingSeconds);
    }

    public object? Interrupt(long step) => null;

    public void Dispose()
    {
        _grid.Dispose();
        _xTrain.Dispose();
        _yTrain.Dispose();
        _trainer.Dispose();
        _model.Dispose();
    }
}
