namespace FreqScope.Core.Runs;

/// <summary>How a run stopped: its folder, status (finished or interrupted), steps and epochs completed, and its summary (null for an interrupted run of a kind that writes none).</summary>
/// <typeparam name="TSummary">The kind's summary.</typeparam>
public sealed record RunResult<TSummary>(string RunDirectory, string Status, long StepsCompleted, int? EpochsCompleted, TSummary? Summary) where TSummary : class
{
    /// <summary>Why the report could not be built (the run's status and data are unaffected); null when it was built or not asked for.</summary>
    public string? ReportError { get; init; }
}
