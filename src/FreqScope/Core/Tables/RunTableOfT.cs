namespace FreqScope.Core.Tables;

/// <summary>A <see cref="RunTable"/> whose rows are records of type <typeparamref name="T"/>, written as <paramref name="rows"/> describes.</summary>
public sealed class RunTable<T>(string runDir, CsvRows<T> rows) : RunTable(runDir, rows.File, rows.Header)
    where T : class
{
    /// <summary>Appends one row.</summary>
    public void Append(T row) => Append(rows.Format(row));
}
