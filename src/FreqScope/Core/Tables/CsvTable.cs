using System.Text;
using FreqScope.Core.Runs;

namespace FreqScope.Core.Tables;

/// <summary>
/// A CSV data file of a run, appended row by row while training. Rows reach the file at every probe
/// (<see cref="Publish"/>) and are flushed to disk at every checkpoint and at the end; a checkpoint records <see cref="Rows"/>, and a resumed run first cuts the file back to that many rows.
/// </summary>
public sealed class CsvTable : IDisposable
{
    private readonly StreamWriter _writer;

    public string Path { get; }
    public long Rows { get; private set; }

    private CsvTable(string path, StreamWriter writer, long rows)
    {
        Path = path;
        _writer = writer;
        Rows = rows;
    }

    /// <summary>Creates the file with its header, or (resuming) cuts it back to <paramref name="keepRows"/> data rows.</summary>
    public static CsvTable Open(string path, string header, long? keepRows)
    {
        long rows = 0;
        if (keepRows is long keep)
        {
            var lines = File.Exists(path) ? File.ReadLines(path).Take((int)Math.Min(int.MaxValue, keep + 1)).ToList() : [];
            if (lines.Count == 0 || lines[0] != header)
                throw new InvalidDataException($"{path}: cannot resume, the file is missing or its header is not \"{header}\"");
            if (lines.Count - 1 < keep)
                throw new InvalidDataException($"{path}: cannot resume, it has {lines.Count - 1} rows but the checkpoint expects {keep}");
            AtomicFile.WriteAllText(path, string.Join("\n", lines) + "\n");
            rows = keep;
        }
        else
        {
            File.WriteAllText(path, header + "\n");
        }
        var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        return new CsvTable(path, writer, rows);
    }

    public void Append(string row)
    {
        _writer.Write(row);
        _writer.Write('\n');
        Rows++;
    }

    /// <summary>
    /// Hands the buffered rows to the operating system (no flush to disk), so that a reader of the file (a report or
    /// <c>freqscope watch</c> on a running run) sees every row written so far; done after every probe.
    /// </summary>
    public void Publish() => _writer.Flush();

    /// <summary>Writes the buffered rows and flushes them to disk, so that a checkpoint never counts rows a power loss could take.</summary>
    public void Flush()
    {
        _writer.Flush();
        ((FileStream)_writer.BaseStream).Flush(flushToDisk: true);
    }

    public void Dispose() => _writer.Dispose();
}
