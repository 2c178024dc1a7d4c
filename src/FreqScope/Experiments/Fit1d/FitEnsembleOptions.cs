using FreqScope.Core.Runs;

namespace FreqScope.Experiments.Fit1d;

/// <summary>How to run a group of fit1d configs as one ensemble (<see cref="FitEnsembleExperiment.Run"/>).</summary>
public sealed record FitEnsembleOptions
{
    /// <summary>The folder holding the group's shared checkpoint (e.g. <c>SWEEP_DIR/.ensemble-000</c>); replaced by a fresh run.</summary>
    public required string GroupDirectory { get; init; }

    /// <summary>Continue every member from the group checkpoint, with the configs in the members' config.json.</summary>
    public bool Resume { get; init; }

    /// <summary>Folder that relative paths in the configs (a CSV target) are resolved against.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Rebuild each member's plots and report.html when the group stops.</summary>
    public bool BuildReport { get; init; } = true;

    /// <summary>Marks the runs as smoke runs in their manifests (the caller has already shrunk the configs).</summary>
    public bool Smoke { get; init; }

    /// <summary>Called at every probe step of every member, with the member's index.</summary>
    public Action<int, RunProgress>? OnProgress { get; init; }
}
