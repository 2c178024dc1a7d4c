namespace FreqScope.Core.Runs;

/// <summary>How <see cref="RunLoop"/> runs one experiment: where, fresh or resumed, and who is told what happens.</summary>
public sealed record RunOptions
{
    /// <summary>The run folder: created (it must be absent or empty), or continued with <see cref="Resume"/>.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Continue the run folder from its last checkpoint, with its own config.json (the config passed is ignored).</summary>
    public bool Resume { get; init; }

    /// <summary>The folder relative paths in the config (a CSV target, an image, a dataset folder) are resolved against; null: the current directory.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Marks the run as a smoke run in its manifest (the config passed is already the smoke version).</summary>
    public bool Smoke { get; init; }

    /// <summary>Build plots and report.html when the run stops (finished or interrupted). Default true.</summary>
    public bool BuildReport { get; init; } = true;

    /// <summary>Stream the kind's the kind's <see cref="Kinds.IExperimentKind.Scalars"/> to <c>RUN_DIR/tensorboard/</c> (<see cref="TensorBoardCallback"/>). Default true.</summary>
    public bool TensorBoard { get; init; } = true;

    /// <summary>The command-line overrides the config was made with (<c>a.b=c</c>), recorded in the manifest.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Called at every progress event (probes and the kind's own progress points).</summary>
    public Action<RunProgress>? OnProgress { get; init; }

    /// <summary>Called with what the run is doing before its first step (loading data, preparing a probe).</summary>
    public Action<string>? OnMessage { get; init; }

    /// <summary>Called with what the user should read once, e.g. that the folder's lock was taken over from a process that has ended.</summary>
    public Action<string>? OnNotice { get; init; }

    /// <summary>More observers of the run, in the manner of PyTorch Lightning's callbacks.</summary>
    public IReadOnlyList<IRunCallback> Callbacks { get; init; } = [];

    /// <summary>The memory the preflight allows the run, in bytes; null (default) for <see cref="MemoryPreflight.MachineLimit"/>.</summary>
    public long? MemoryLimit { get; init; }
}
