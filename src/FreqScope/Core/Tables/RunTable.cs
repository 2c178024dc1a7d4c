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

    public void Flush() => _csv?.Flush();

    /// <summary>Records the file's current row count under its name.</summary>
    public void RecordRows(Dictionary<string, long> rows) => rows[File] = _csv!.Rows;

    public void Dispose()
    {
        _csv?.Dispose();
        _csv = null;
    }
}
