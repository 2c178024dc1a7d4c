using FreqScope.Core.Kinds;

namespace FreqScope.Core.Runs;

/// <summary>The run a callback observes: its kind, config, folder and plan; it may ask the run to stop after the current step.</summary>
public sealed class RunInfo(IExperimentKind kind, IExperimentConfig config, string runDirectory, RunPlan plan)
{
    /// <summary>The run's experiment kind.</summary>
    public IExperimentKind Kind { get; } = kind;

    /// <summary>The run's config.</summary>
    public IExperimentConfig Config { get; } = config;

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; } = runDirectory;

    /// <summary>The run's steps.</summary>
    public RunPlan Plan { get; } = plan;

    /// <summary>Whether a callback asked the run to stop early.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Stops the run after the current step, as finished (early stopping).</summary>
    public void RequestStop() => StopRequested = true;
}
