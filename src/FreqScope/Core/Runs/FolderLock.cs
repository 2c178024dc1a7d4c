using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace FreqScope.Core.Runs;

/// <summary>
/// The one writer of a run or sweep folder: an operating-system advisory lock (<c>flock</c>, exclusive, taken without
/// waiting) on the folder's <see cref="FileName"/> file, held until disposed. The file holds the holder's process
/// id, host and start time while it is held, and is emptied when it is released; the lock itself goes with the
/// process, so one killed by <c>kill -9</c> leaves a lock that the next writer takes over (and says so through
/// <see cref="TakenOverFrom"/>). A second writer, in this process or another, is refused with a message naming the
/// holder. Advisory: processes that do not ask for the lock (an editor, <c>rm</c>) are not stopped.
/// </summary>
public sealed class FolderLock : IDisposable
{
    /// <summary>The lock file in the folder.</summary>
    public const string FileName = ".lock";

    private FileStream? _stream;

    private FolderLock(FileStream stream, LockHolder? previous)
    {
        _stream = stream;
        TakenOverFrom = previous;
    }

    /// <summary>The holder that ended without releasing the lock (killed, or its machine stopped), when there was one.</summary>
    public LockHolder? TakenOverFrom { get; }

    /// <summary>
    /// Takes the lock of <paramref name="folder"/> (which must exist) for this process, or fails at once when another
    /// writer holds it.
    /// </summary>
    /// <param name="folder">The run or sweep folder.</param>
    /// <param name="refusal">The start of the message when the lock is held, e.g. <c>cannot resume runs/x</c>.</param>
    /// <exception cref="InvalidOperationException">Another writer holds the lock; the message names it.</exception>
    public static FolderLock Acquire(string folder, string refusal)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = Path.Combine(folder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(path))
        {
            var holder = ReadUnlocked(path);
            var who = holder is null ? "another FreqScope process" : $"process {holder.Pid} on {holder.Host} (since {holder.Started:u})";
            throw new InvalidOperationException($"{refusal}: {who} is writing it; wait for it to end or stop it (lock: {path})", e);
        }

        try
        {
            LockHolder? previous = null;
            if (stream.Length > 0)
            {
                var text = new StreamReader(stream, Encoding.UTF8, leaveOpen: true).ReadToEnd();
                previous = Parse(text);
            }

            using var process = Process.GetCurrentProcess();
            var me = new LockHolder(Environment.ProcessId, Environment.MachineName, process.StartTime.ToUniversalTime());
            stream.SetLength(0);
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(me, RunFolder.Json));
            stream.Flush(flushToDisk: true);
            return new FolderLock(stream, previous);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Empties the lock file and releases the lock.</summary>
    public void Dispose()
    {
        if (_stream is null) return;
        try
        {
            _stream.SetLength(0);
            _stream.Flush();
        }
        catch (IOException)
        {
            // A full disk or a removed folder: the lock still goes with the file handle.
        }

        _stream.Dispose();
        _stream = null;
    }

    private static LockHolder? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonSerializer.Deserialize<LockHolder>(text, RunFolder.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The holder named in a lock file that another process holds. .NET takes a shared lock on every file it opens,
    /// which the holder's exclusive lock refuses, so the file is read with the C library's own open and read.
    /// </summary>
    internal static LockHolder? ReadUnlocked(string path) =>
        Posix.ReadStart(path, 4096) is { Length: > 0 } bytes ? Parse(Encoding.UTF8.GetString(bytes)) : null;
}
