namespace FreqScope.Experiments;

/// <summary>How to run a parity experiment.</summary>
public sealed record ParityRunOptions
{
    /// <summary>The run folder. A new run needs it absent or empty; a resumed run needs it to hold a checkpoint.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Continue the run in <see cref="RunDirectory"/> from its last checkpoint, with its own config.json.</summary>
    public bool Resume { get; init; }

    /// <summary>Rebuild plots and report.html when the run stops.</summary>
    public bool BuildReport { get; init; } = true;

    /// <summary>Marks the run as a smoke run in the manifest (the caller has already shrunk the config).</summary>
    public bool Smoke { get; init; }

    /// <summary>Called at every probe with its metrics.</summary>
    public Action<Reporting.ParityMetricRow>? OnProgress { get; init; }
}
