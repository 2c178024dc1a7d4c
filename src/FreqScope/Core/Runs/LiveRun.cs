using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FreqScope.Core.Runs;

/// <summary>
/// Reading a run folder while its run is still writing it: which data files' last line is complete, whether a live
/// process holds the folder, and the last step (or epoch) its tables have reached. Used by <c>freqscope report</c>
/// and <c>freqscope watch</c> on a running run; nothing here writes to the folder or takes its lock.
/// </summary>
public static class LiveRun
{
    /// <summary>Whether the folder's manifest.json says <c>running</c> (false when it is missing or unreadable).</summary>
    public static bool IsRunning(string runDir)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        string path = Path.Combine(runDir, RunFolder.ManifestFile);
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > 1 << 20) return false;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
                && status.GetString() == RunStatus.Running;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// <paramref name="text"/> up to and including its last <c>\n</c>: a line without one is still being written (a
    /// run hands its rows to the file at every probe, but a buffer may reach the file mid-line) and is left out.
    /// </summary>
    public static string CompleteLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int last = text.LastIndexOf('\n');
        return last < 0 ? string.Empty : text[..(last + 1)];
    }

    /// <summary>
    /// The process that holds the folder's lock now, or null when none does (the lock file is empty, missing or names
    /// a process of this machine that has ended or is another process with that number). A holder on another machine
    /// is taken at its word. The lock file is read without taking its lock, so a writer is never disturbed.
    /// </summary>
    public static LockHolder? Holder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (FolderLock.ReadUnlocked(Path.Combine(folder, FolderLock.FileName)) is not { } holder) return null;
        if (holder.Host != Environment.MachineName) return holder;
        try
        {
            using var process = Process.GetProcessById(holder.Pid);
            // Same number, same start (to the second): the same process.
            return Math.Abs((process.StartTime.ToUniversalTime() - holder.Started).TotalSeconds) < 2 ? holder : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// The furthest position the folder's tables have reached: over every <c>*.csv</c> whose first column is
    /// <c>step</c> (or, when none is, <c>epoch</c>), the largest first field of its last complete line. Null when no
    /// table has a row yet.
    /// </summary>
    /// <returns>The unit (<c>step</c> or <c>epoch</c>) and the value.</returns>
    public static (string Unit, long Value)? LastRecorded(string runDir)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        if (!Directory.Exists(runDir)) return null;
        var best = new Dictionary<string, long>();
        foreach (string path in Directory.EnumerateFiles(runDir, "*.csv"))
        {
            string? unit;
            string? last;
            try
            {
                (unit, last) = FirstColumnAndLastLine(path);
            }
            catch (IOException)
            {
                continue;
            }

            if (unit is not ("step" or "epoch") || last is null) continue;
            int comma = last.IndexOf(',');
            if (long.TryParse(comma < 0 ? last : last[..comma], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                best[unit] = Math.Max(best.GetValueOrDefault(unit), value);
        }

        foreach (string unit in new[] { "step", "epoch" })
            if (best.TryGetValue(unit, out long v)) return (unit, v);
        return null;
    }

    /// <summary>
    /// <paramref name="rows"/> without a last probe that is only partly written: the rows of the last step are dropped
    /// when there are fewer of them than of the step with the most rows (a table that writes a block of rows per probe).
    /// </summary>
    public static T[] WholeProbes<T>(IReadOnlyList<T> rows, Func<T, long> step)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(step);
        if (rows.Count == 0) return [];
        int most = rows.GroupBy(step).Max(g => g.Count());
        long last = step(rows[^1]);
        int lastCount = rows.Reverse().TakeWhile(r => step(r) == last).Count();
        return lastCount < most ? [.. rows.Take(rows.Count - lastCount)] : [.. rows];
    }

    /// <summary>The header's first column and the last complete data line, reading only the file's start and its last 64 KiB.</summary>
    private static (string? Unit, string? Last) FirstColumnAndLastLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var head = new byte[Math.Min(4096, stream.Length)];
        stream.ReadExactly(head);
        string headText = Encoding.UTF8.GetString(head);
        int end = headText.IndexOfAny([',', '\n']);
        string? unit = end < 0 ? null : headText[..end].Trim().TrimStart('\uFEFF');
        long from = Math.Max(0, stream.Length - 65536);
        stream.Position = from;
        var tail = new byte[stream.Length - from];
        stream.ReadExactly(tail);
        string[] lines = CompleteLines(Encoding.UTF8.GetString(tail)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The header is no data line: a file of the header alone has none.
        string? last = lines.Length == 0 || (from == 0 && lines.Length == 1) ? null : lines[^1];
        return (unit, last);
    }
}
