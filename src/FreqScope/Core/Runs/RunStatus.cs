namespace FreqScope.Core.Runs;

/// <summary>The values of <c>manifest.json</c>'s <c>status</c>.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Interrupted = "interrupted";
    public const string Failed = "failed";
    public const string Finished = "finished";

    /// <summary>Stopped at a probe whose loss was not a finite number (NaN or ±∞); the step and the value are in the manifest's error. Not resumable.</summary>
    public const string Diverged = "diverged";
}
