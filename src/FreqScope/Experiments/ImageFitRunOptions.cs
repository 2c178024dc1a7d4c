namespace FreqScope.Experiments;

/// <summary>How to run an image-fit experiment.</summary>
public sealed record ImageFitRunOptions
{
    /// <summary>The run folder. A new run needs it absent or empty; a resumed run needs it to hold a checkpoint.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Continue the run in <see cref="RunDirectory"/> from its last checkpoint, with its own config.json.</summary>
    public bool Resume { get; init; }

    /// <summary>Rebuild plots and report.html when the run stops.</summary>
    public bool BuildReport { get; init; } = true;

    /// <summary>Marks the run as a smoke run in the manifest (the caller has already shrunk the config).</summary>
    public bool Smoke { get; init; }

    /// <summary>The folder a relative PGM path is resolved against; null for the current folder.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Called at every probe with the step, the train PSNR and the test PSNR.</summary>
    public Action<long, double, double>? OnProgress { get; init; }
}
