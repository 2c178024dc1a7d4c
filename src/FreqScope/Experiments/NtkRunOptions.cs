namespace FreqScope.Experiments;

/// <summary>How to run an ntk experiment.</summary>
public sealed record NtkRunOptions
{
    /// <summary>The run folder. A new run needs it absent or empty; a resumed run needs an unfinished run in it.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>
    /// Run again, from step 0, the unfinished run in <see cref="RunDirectory"/> with its own config.json: its data files
    /// and summary are deleted and rewritten (the run is deterministic for its seed, so the result is the one an
    /// uninterrupted run gives); the manifest keeps the first start time, adds up the wall time and records the step
    /// the earlier attempt had reached in <c>resumedFrom</c>. A finished run is refused.
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>Rebuild plots and report.html when the run stops.</summary>
    public bool BuildReport { get; init; } = true;

    /// <summary>Marks the run as a smoke run in the manifest (the caller has already shrunk the config).</summary>
    public bool Smoke { get; init; }

    /// <summary>Called at every probe.</summary>
    public Action<NtkProgress>? OnProgress { get; init; }
}
