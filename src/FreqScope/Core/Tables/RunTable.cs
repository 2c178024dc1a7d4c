namespace FreqScope.Core.Tables;

/// <summary>
/// One CSV data file of a run folder, known by its name: opened fresh or, on resume, cut back to the row count a
/// checkpoint recorded under that name (see <see cref="CsvTable"/>).
/// </summary>
public class RunTable(string runDir, string file, string header) : IDisposable
{
    private CsvTable? _csv;

    /// <summary>The file's name inside the run folder, the key of its row count in a checkpoint.</summary>
    public string File { get; } = file;

    /// <summary>Opens the file; with <paramref name="rows"/> (a checkpoint's row counts) it keeps only the rows counted there.</summary>
    public void Open(IReadOnlyDictionary<string, long>? rows) =>
        _csv = CsvTable.Open(Path.Combine(runDir, File), header, rows?[File]);

    public void Append(string row) => _csv!.Append(row);

    /// <summary>Flushes the rows to disk (before a checkpoint counts them).</summary>
    public void Flush() => _csv?.Flush();

    /// <summary>Hands the rows written so far to the operating system, for live readers (after every probe).</summary>
    public void Publish() => _csv?.Publish();

    /// <summary>Records the file's current row count under its name.</summary>
    public void RecordRows(Dictionary<string, long> rows) => rows[File] = _csv!.Rows;

    /// <summary>
    /// Closes the file, always: a run flushes its tables before it finishes or stops, so rows still buffered here are
    /// those of a run that has already failed, and a disk that refuses them (full) must not keep the file open or hide
    /// the first error.
    /// </summary>
    public void Dispose()
    {
        try
        {
            _csv?.Dispose();
        }
        catch (IOException)
        {
            // See above: the run's own error is the one reported.
        }
        finally
        {
            _csv = null;
        }
    }
}
