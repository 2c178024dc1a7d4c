using FreqScope.Core;
using FreqScope.Core.Runs;
using FreqScope.Core.Tables;
using FreqScope.Data;
using FreqScope.Training;
using FreqScope.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Experiments.Fit1d;

/// <summary>One solo fit1d run: its recorder (the data, tables and summary), network and trainer.</summary>
internal sealed class FitSession : IRunSession
{
    private readonly FitExperimentConfig _config;
    private readonly RunContext _context;
    private readonly FitRecorder _recorder;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly FitTrainer _trainer;
    private readonly Tensor _xTrainT, _xEvalT;

    public FitSession(FitExperimentConfig config, RunContext context)
    {
        // A CSV target's path is stored absolute, so that --resume (which has no config folder) finds it again.
        if (config.Target.Kind == TargetKind.Csv && config.Target.CsvPath is string csv && !Path.IsPathRooted(csv))
            config = config with { Target = config.Target with { CsvPath = Path.GetFullPath(Path.Combine(context.ConfigDirectory ?? Environment.CurrentDirectory, csv)) } };
        _config = config;
        _context = context;
        _recorder = new FitRecorder(config, context.ConfigDirectory, context.RunDirectory);
        _model = NetworkFactory.Create(config.Model, config.Seed);
        _model.to(context.Device);
        _trainer = new FitTrainer(_model, _recorder.XTrain, _recorder.YTrain, _recorder.DyTrain, config.Training, config.Seed, context.Device);
        _xTrainT = FitTrainer.ToColumn(_recorder.XTrain, context.Device);
        _xEvalT = FitTrainer.ToColumn(_recorder.XEval, context.Device);
    }

    public IExperimentConfig Config => _config;

    public RunPlan Plan => PlanOf(_config);

    /// <summary>A fit1d run's steps and cadence, alone or as an ensemble member: training.steps, probe.every, training.checkpointEvery.</summary>
    internal static RunPlan PlanOf(FitExperimentConfig config) =>
        new(config.Training.Steps) { ProbeEvery = config.Probe.Every, CheckpointEvery = config.Training.CheckpointEvery };

    public IReadOnlyList<RunTable> Tables => _recorder.Tables;

    public IReadOnlyList<ICheckpointPart> CheckpointParts =>
        [new ModuleCheckpointPart(_model), new OptimizerCheckpointPart(_trainer.Optimizer), new SamplerCheckpointPart(_trainer.Sampler), new RngCheckpointPart()];

    public void Start(long? resumedAt)
    {
        if (resumedAt is not long at) return;
        _recorder.ReloadHistory();
        // A checkpoint at a probe step was saved after the probe: its output is the model's now.
        if (Plan.IsProbeStep(at)) _recorder.ResumeAfterProbe(FitTrainer.Predict(_model, _xEvalT));
    }

    public bool Step(long step, CancellationToken cancellation)
    {
        _trainer.Step();
        return true;
    }

    public RunProgress Probe(long step)
    {
        var evalOut = FitTrainer.Predict(_model, _xEvalT);
        var trainOut = _recorder.EvalIsTrain ? evalOut : FitTrainer.Predict(_model, _xTrainT);
        return _recorder.Probe(step, evalOut, trainOut, _context.Clock.Elapsed);
    }

    public object Finish(long step, double trainingSeconds) => _recorder.Summarize(step, finished: true);

    public object? Interrupt(long step) => _recorder.Summarize(step, finished: false);

    public void Dispose()
    {
        _recorder.Dispose();
        _trainer.Dispose();
        _model.Dispose();
        _xTrainT.Dispose();
        _xEvalT.Dispose();
    }
}
