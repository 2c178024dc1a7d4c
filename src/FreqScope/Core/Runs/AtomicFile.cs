using System.Text;

namespace FreqScope.Core.Runs;

/// <summary>
/// Writes files atomically: the content goes to <c>path + ".tmp-" + pid</c>, is flushed to disk, and the
/// temporary file is then renamed over <c>path</c>. A reader sees either the old file, no file, or the whole new file.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Atomically writes <paramref name="content"/> as UTF-8 (no byte-order mark).</summary>
    /// <param name="path">The destination file; its folder must exist.</param>
    /// <param name="content">The text to write.</param>
    public static void WriteAllText(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        WriteAllBytes(path, Utf8NoBom.GetBytes(content));
    }

    /// <summary>Atomically writes <paramref name="content"/>.</summary>
    /// <param name="path">The destination file; its folder must exist.</param>
    /// <param name="content">The bytes to write.</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string temporary = TemporaryPath(path);
        try
        {
            using (FileStream stream = new(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            FaultPoint.Reach(FaultPoint.TemporaryWritten);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Atomically writes <paramref name="content"/>.</summary>
    /// <param name="path">The destination file; its folder must exist.</param>
    /// <param name="content">The bytes to write.</param>
    public static void WriteAllBytes(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        WriteAllBytes(path, content.AsSpan());
    }

    /// <summary>The temporary file name used while writing <paramref name="path"/>.</summary>
    /// <param name="path">The destination file.</param>
    /// <returns><c>path + ".tmp-" + pid</c>.</returns>
    public static string TemporaryPath(string path) => path + TemporarySuffix + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What a temporary file's name has after its destination's: <c>.tmp-</c>, then the writer's process id.</summary>
    public const string TemporarySuffix = ".tmp-";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort: the original exception matters more.
        }
    }
}
