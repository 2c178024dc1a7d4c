using System.Globalization;
using System.Numerics;
using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Spectral;
using FreqScope.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>One fourier-features run's network, data, tables and probe history.</summary>
internal sealed class FourierSession : IRunSession
{
    private readonly FourierExperimentConfig _config;
    private readonly string _runDir;
    private readonly RunContext _context;
    private readonly MseTrainer _trainer;
    private readonly double[] _x, _y, _initialOutput;
    private readonly double[] _fitted; // y, or y + f₀ when training f − f₀
    private readonly Tensor _xT, _yT;
    private readonly NonUniformDftMatrix _dft;
    private readonly double[] _halfXi;
    private readonly Complex[] _targetHalf;
    private readonly List<long> _steps = [];
    private readonly List<Complex[]> _spectra = [];
    private readonly List<double> _losses = [];
    private readonly RunTable<FourierSpectrumRow> _spectraCsv;
    private readonly RunTable<FourierLossRow> _lossCsv;
    private readonly FourierFeatureNet _model;

    public FourierSession(FourierExperimentConfig config, RunContext context)
    {
        _config = config;
        _context = context;
        _runDir = context.RunDirectory;
        var device = context.Device;
        _spectraCsv = FourierSpectrumRow.Csv.Table(_runDir);
        _lossCsv = FourierLossRow.Csv.Table(_runDir);
        var target = TargetFactory.Create(config.Target, null);
        _x = config.Data.Coordinates();
        _y = _x.Select(x => target.Evaluate(x) * config.Data.EnvelopeAt(x)).ToArray();
        _halfXi = FourierAnalysis.HalfGrid(config.Probe);
        _dft = new NonUniformDftMatrix(_x, _halfXi);
        _targetHalf = _dft.Forward(_y);
        var n = config.Network;
        _model = new FourierFeatureNet(1, n.Width, n.Density.ToDensity(), n.SigmaA, config.Seed, n.TrainFrequencies, n.OutputBias, n.Stratified);
        _model.to(device);
        _xT = tensor(_x.Select(v => (float)v).ToArray(), device: device).reshape(_x.Length, 1);
        var optimizer = OptimizerFactory.PlainSgd(config.Training.LearningRate, _model.parameters());
        _initialOutput = Output();
        // Training f − f₀ on y is training f on y + f₀ (f₀ fixed): the gradients are the same.
        _fitted = n.SubtractInitialOutput ? _y.Select((v, i) => v + _initialOutput[i]).ToArray() : _y;
        _yT = tensor(_fitted.Select(v => (float)v).ToArray(), device: device).reshape(_y.Length, 1);
        _trainer = new MseTrainer(_model, _xT, _yT, optimizer, MseTrainer.HalfMse);
    }

    public IExperimentConfig Config => _config;

    public RunPlan Plan => new(_config.Training.Steps) { ProbeEvery = _config.Probe.Every, CheckpointEvery = _config.Training.CheckpointEvery };

    public IReadOnlyList<RunTable> Tables => [_spectraCsv, _lossCsv];

    public IReadOnlyList<ICheckpointPart> CheckpointParts => [new ModuleCheckpointPart(_model), new OptimizerCheckpointPart(_trainer.Optimizer)];

    /// <summary>A resumed run reloads the probes so far from the (cut back) tables.</summary>
    public void Start(long? resumedAt)
    {
        if (resumedAt is null) return;
        _spectraCsv.Flush();
        _lossCsv.Flush();
        foreach (var (step, spectrum) in FourierRunFolderReader.GroupSpectra(FourierSpectrumRow.Csv.Read(_runDir), _halfXi.Length))
        {
            _steps.Add(step);
            _spectra.Add(spectrum);
        }

        _losses.AddRange(FourierLossRow.Csv.Read(_runDir).Select(r => r.Loss));
        if (_losses.Count != _steps.Count)
            throw new InvalidDataException($"{_runDir}: {FourierExperiment.LossFile} has {_losses.Count} probes but {FourierExperiment.SpectraFile} has {_steps.Count}; cannot resume");
    }

    /// <summary>One full-batch gradient-descent step on (1/2n) Σ (f − y)².</summary>
    public bool Step(long step, CancellationToken cancellation)
    {
        _trainer.Step(step);
        return true;
    }

    private double[] Output()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        return _model.forward(_xT).reshape(-1).to(float64).cpu().data<double>().ToArray();
    }

    /// <summary>Records the residual's spectrum and the loss.</summary>
    public RunProgress Probe(long step)
    {
        var f = Output();
        var r = new double[f.Length];
        double loss = 0;
        for (int i = 0; i < f.Length; i++)
        {
            r[i] = f[i] - _fitted[i];
            loss += r[i] * r[i];
        }

        loss /= 2 * f.Length;
        if (!double.IsFinite(loss))
            throw new InvalidOperationException($"the loss is {loss} at step {step}: training diverged; lower training.learningRate ({_config.Training.LearningRate.ToString("R", CultureInfo.InvariantCulture)})");
        var spectrum = _dft.Forward(r);
        for (int i = 0; i < spectrum.Length; i++) _spectraCsv.Append(new FourierSpectrumRow(step, _halfXi[i], spectrum[i].Real, spectrum[i].Imaginary));
        _lossCsv.Append(new FourierLossRow(step, loss));
        _steps.Add(step);
        _spectra.Add(spectrum);
        _losses.Add(loss);
        return _context.At(step, _config.Training.Steps, ("loss", loss));
    }

    /// <summary>Solves the PDE, writes pde.csv, peaks.csv and fit.csv; returns the summary.</summary>
    public object Finish(long step, double trainingSeconds)
    {
        _spectraCsv.Flush();
        _lossCsv.Flush();
        var (summary, pde) = FourierAnalysis.Summarise(_config, _steps, _spectra, _targetHalf, _losses[0], _losses[^1], true, trainingSeconds);
        if (pde is not null)
            FourierSpectrumRow.PdeCsv.WriteFile(_runDir, _steps.SelectMany((s, t) => _halfXi.Select((xi, i) => new FourierSpectrumRow(s, xi, pde[t][i].Real, pde[t][i].Imaginary))));

        var peaks = FourierAnalysis.Peaks(_targetHalf, _config.Probe.PeakThreshold);
        var netErrors = FourierAnalysis.PeakErrors(_spectra, _targetHalf, peaks);
        var pdeErrors = pde is null ? null : FourierAnalysis.PeakErrors(pde, _targetHalf, peaks);
        FourierPeakRow.Csv.WriteFile(_runDir, _steps.SelectMany((s, t) => Enumerable.Range(0, peaks.Length).Select(p =>
            new FourierPeakRow(s, _halfXi[peaks[p]], netErrors[p][t], pdeErrors is null ? double.NaN : pdeErrors[p][t]))));

        var final = Output();
        var shown = _config.Network.SubtractInitialOutput ? final.Select((v, i) => v - _initialOutput[i]).ToArray() : final;
        FourierFitRow.Csv.WriteFile(_runDir, _x.Select((x, i) => new FourierFitRow(x, _y[i], _config.Network.SubtractInitialOutput ? 0 : _initialOutput[i], shown[i])));
        return summary;
    }

    public object? Interrupt(long step) => null;

    public void Dispose()
    {
        _xT.Dispose();
        _yT.Dispose();
        _trainer.Dispose();
        _model.Dispose();
    }
}
