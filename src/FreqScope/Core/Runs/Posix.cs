using System.Runtime.InteropServices;

namespace FreqScope.Core.Runs;

/// <summary>
/// The few C library calls that .NET lacks on Linux and macOS: reading a file another process holds an exclusive
/// <c>flock</c> on (.NET takes a shared one on every open), flushing a folder's entries to disk after files were
/// renamed into it, sending a signal and asking for the parent process. Elsewhere each answers "cannot" and callers
/// go on without it.
/// </summary>
internal static partial class Posix
{
    private static bool Available => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Up to <paramref name="max"/> bytes of the file at <paramref name="path"/>, or null when it cannot be read.</summary>
    public static byte[]? ReadStart(string path, int max)
    {
        if (!Available) return null;
        try
        {
            int fd = Open(path, 0);
            if (fd < 0) return null;
            try
            {
                var buffer = new byte[max];
                nint n = Read(fd, buffer, max);
                return n < 0 ? null : buffer[..(int)n];
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Flushes the entries of the folder <paramref name="dir"/> (names created, renamed or removed in it) to disk, so
    /// that a rename survives a power loss; false when it cannot.
    /// </summary>
    public static bool SyncFolder(string dir)
    {
        if (!Available) return false;
        try
        {
            int fd = Open(dir, 0);
            if (fd < 0) return false;
            try
            {
                return Fsync(fd) == 0;
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false where it is gone or signals are not available.</summary>
    public static bool Signal(int pid, int signal)
    {
        if (!Available) return false;
        try
        {
            return Kill(pid, signal) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>This process's parent process id, or null where it cannot be asked.</summary>
    public static int? ParentId()
    {
        if (!Available) return null;
        try
        {
            return GetParentId();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentId();

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read")]
    private static partial nint Read(int fd, [Out] byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
