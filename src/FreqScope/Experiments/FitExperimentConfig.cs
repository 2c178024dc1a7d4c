using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The resolved configuration of the <c>fit1d</c> experiment (fit a 1-D target function with an MLP and watch
/// its spectrum). Produced by <see cref="ConfigLoader"/> with every default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record FitExperimentConfig : IExperimentConfig
{
    /// <summary>The only experiment kind this config describes.</summary>
    public const string Fit1d = "fit1d";

    /// <summary>Experiment kind; always <c>"fit1d"</c>.</summary>
    public string Experiment { get; init; } = Fit1d;

    /// <summary>Run name: non-empty, only <c>[A-Za-z0-9._-]</c>. Default <c>"fit1d"</c>.</summary>
    public string Name { get; init; } = Fit1d;

    /// <summary>Seed for every random choice (initialization, random grids, batches). Default 0.</summary>
    public long Seed { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> or <c>"auto"</c> (CUDA when available). Default <c>"cpu"</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The function to fit.</summary>
    public required TargetConfig Target { get; init; }

    /// <summary>Domain and sampling grids.</summary>
    public required DataConfig Data { get; init; }

    /// <summary>The network.</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Optimizer and schedule.</summary>
    public TrainingConfig Training { get; init; } = new();

    /// <summary>Spectral probing.</summary>
    public ProbeConfig Probe { get; init; } = new();
}
