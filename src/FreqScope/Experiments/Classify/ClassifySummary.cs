using FreqScope.Core.Runs;

namespace FreqScope.Experiments.Classify;

/// <summary>The contents of <c>summary.json</c> of a <c>classify</c> run (see docs/run-folder.md).</summary>
public sealed record ClassifySummary : IRunSummary
{
    /// <summary>True only when every planned epoch ran.</summary>
    public required bool Finished { get; init; }

    /// <summary>Epochs completed.</summary>
    public required int EpochsCompleted { get; init; }

    /// <summary>Optimizer steps completed.</summary>
    public required long StepsCompleted { get; init; }

    public required double FinalTrainLoss { get; init; }
    public required double FinalTrainAccuracy { get; init; }
    public required double FinalTestLoss { get; init; }
    public required double FinalTestAccuracy { get; init; }

    /// <summary>The filtering method's results, or null when it was not probed.</summary>
    public FilteringSummary? Filtering { get; init; }

    /// <summary>The projection method's results, or null when it was not probed.</summary>
    public ProjectionSummary? Projection { get; init; }

    /// <summary>The interpolation-path spectrum, or null when it was not probed.</summary>
    public PathsSummary? Paths { get; init; }

    /// <summary>How many training labels the frequency-controlled label noise changed; null without label noise.</summary>
    public int? NoisyLabels { get; init; }

    /// <summary>
    /// Whether the run's data files are the published data set: <c>"verified"</c> (every IDX file's content MD5 is
    /// the catalog's) or <c>"unverified"</c> (files that match no catalogued data set, run on as given, and always
    /// CIFAR-10's batches); null in summaries written before it was recorded.
    /// </summary>
    public string? DataIdentity { get; init; }

    /// <summary>One or two sentences: what the run showed.</summary>
    public required string Verdict { get; init; }
}
