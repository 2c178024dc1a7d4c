namespace FreqScope.Core.Runs;

/// <summary>The values of <c>manifest.json</c>'s <c>status</c>.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Interrupted = "interrupted";
    public const string Failed = "failed";
    public const string Finished = "finished";
}
