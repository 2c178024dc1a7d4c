using System.Runtime.InteropServices;

namespace FreqScope.Sweeps;

/// <summary>Sends SIGINT to a child process (what Ctrl-C sends), so that it checkpoints and exits 130.</summary>
internal static class ProcessSignals
{
    private const int SigInt = 2;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Asks the process to stop as Ctrl-C would; false where it is gone or signals are not available.</summary>
    public static bool Interrupt(int pid)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        try
        {
            return Kill(pid, SigInt) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
