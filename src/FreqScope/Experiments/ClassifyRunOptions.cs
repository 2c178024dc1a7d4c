namespace FreqScope.Experiments;

/// <summary>How to run a classify experiment.</summary>
public sealed record ClassifyRunOptions
{
    /// <summary>The run folder. A new run needs it absent or empty; a resumed run needs it to hold a checkpoint.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Continue the run in <see cref="RunDirectory"/> from its newest checkpoint, with its own config.json.</summary>
    public bool Resume { get; init; }

    /// <summary>Folder that a relative <c>data.dir</c> is resolved against (the config file's folder).</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Rebuild plots and report.html when the run stops.</summary>
    public bool BuildReport { get; init; } = true;

    /// <summary>Marks the run as a smoke run in the manifest (the caller has already shrunk the config).</summary>
    public bool Smoke { get; init; }

    /// <summary>Called after every probe and every few training steps.</summary>
    public Action<ClassifyProgress>? OnProgress { get; init; }

    /// <summary>Called with one-line messages about slow preparation (loading data, PCA, kernels).</summary>
    public Action<string>? OnMessage { get; init; }
}
