using FreqScope.Core.Runs;

namespace FreqScope.Sweeps;

/// <summary>
/// Signals between a sweep and its member processes: SIGINT to a child (what Ctrl-C sends), so that it checkpoints and
/// exits 130, and a child's check that its parent has ended.
/// </summary>
public static class ProcessSignals
{
    private const int SigInt = 2;

    /// <summary>The environment variable through which a parent sweep tells its member processes its process id.</summary>
    public const string ParentVariable = "FREQSCOPE_PARENT_PID";

    /// <summary>
    /// Whether the process that started this one (named by <see cref="ParentVariable"/>) has ended: this process has
    /// been handed to another parent (init or a subreaper). False where it cannot tell.
    /// </summary>
    public static bool ParentEnded(int parentPid) => Posix.ParentId() is int parent && parent != parentPid;

    /// <summary>Asks the process to stop as Ctrl-C would; false where it is gone or signals are not available.</summary>
    public static bool Interrupt(int pid) => Posix.Signal(pid, SigInt);
}
