using System.Diagnostics;
using System.Globalization;

namespace FreqScope.Core.Runs;

/// <summary>
/// Named points among the run loop's writes at which the fault-injection tests kill the process outright, as
/// <c>kill -9</c> or a power cut would: the environment variable <see cref="Variable"/> holds <c>NAME</c> or
/// <c>NAME:N</c> (the N-th time the point is reached, counting from 1), and the process sends itself SIGKILL there.
/// Unset (always, outside those tests) a point costs one comparison. The points are listed in <see cref="Names"/>
/// and documented in docs/reliability.md.
/// </summary>
public static class FaultPoint
{
    /// <summary>The environment variable that names the point, e.g. <c>FREQSCOPE_KILL_AT=checkpoint.moved-aside:2</c>.</summary>
    public const string Variable = "FREQSCOPE_KILL_AT";

    /// <summary>A checkpoint's files are written into <c>checkpoint.new/</c>, not yet flushed or swapped in.</summary>
    public const string CheckpointWritten = "checkpoint.written";

    /// <summary><c>checkpoint/</c> has become <c>checkpoint.old/</c>; <c>checkpoint.new/</c> is not yet renamed.</summary>
    public const string CheckpointMovedAside = "checkpoint.moved-aside";

    /// <summary><c>checkpoint.new/</c> has become <c>checkpoint/</c>; <c>checkpoint.old/</c> is not yet removed.</summary>
    public const string CheckpointSwapped = "checkpoint.swapped";

    /// <summary>The tables are flushed for a checkpoint that is not yet written.</summary>
    public const string TablesFlushed = "tables.flushed";

    /// <summary>A temporary file is written and flushed, not yet renamed over its destination (any atomic write).</summary>
    public const string TemporaryWritten = "atomic.temporary-written";

    /// <summary>summary.json has been written.</summary>
    public const string SummaryWritten = "summary.written";

    /// <summary>manifest.json has been written.</summary>
    public const string ManifestWritten = "manifest.written";

    /// <summary>Every point, in the order a run reaches them first.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [ManifestWritten, TablesFlushed, TemporaryWritten, CheckpointWritten, CheckpointMovedAside, CheckpointSwapped, SummaryWritten];

    private static readonly (string Name, int Count)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int _hits;

    /// <summary>Marks that the run reached <paramref name="name"/>; kills the process when it is the point asked for.</summary>
    public static void Reach(string name)
    {
        if (Target is not { } target || target.Name != name || Interlocked.Increment(ref _hits) != target.Count) return;
        using var self = Process.GetCurrentProcess();
        self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = value.Split(':', 2);
        int count = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        return (parts[0], count);
    }
}
