namespace FreqScope.Reporting;

/// <summary>Fills the cells of a heatmap matrix from CSV rows: the cell grid every heatmap matrix shares.</summary>
internal static class HeatmapCells
{
    /// <summary>
    /// A [row, column] array with one row per <paramref name="rowKeys"/> entry and one column per
    /// <paramref name="columnKeys"/> entry, NaN where no source row lands; each source row's value goes to the cell of
    /// its row key and column key (the first one where a key is listed twice); rows whose keys are not listed are skipped.
    /// </summary>
    public static double[,] Fill<TRow, TRowKey, TColumnKey>(
        IEnumerable<TRow> source,
        IReadOnlyList<TRowKey> rowKeys,
        IReadOnlyList<TColumnKey> columnKeys,
        Func<TRow, TRowKey> rowKey,
        Func<TRow, TColumnKey> columnKey,
        Func<TRow, double> value)
        where TRowKey : notnull
        where TColumnKey : notnull
    {
        Dictionary<TRowKey, int> rowOf = IndexOf(rowKeys);
        Dictionary<TColumnKey, int> columnOf = IndexOf(columnKeys);
        double[,] values = new double[rowKeys.Count, columnKeys.Count];
        for (int r = 0; r < rowKeys.Count; r++)
        {
            for (int c = 0; c < columnKeys.Count; c++)
            {
                values[r, c] = double.NaN;
            }
        }

        foreach (TRow row in source)
        {
            if (rowOf.TryGetValue(rowKey(row), out int r) && columnOf.TryGetValue(columnKey(row), out int c))
            {
                values[r, c] = value(row);
            }
        }

        return values;
    }

    private static Dictionary<TKey, int> IndexOf<TKey>(IReadOnlyList<TKey> keys)
        where TKey : notnull
    {
        Dictionary<TKey, int> index = [];
        for (int i = 0; i < keys.Count; i++)
        {
            index.TryAdd(keys[i], i);
        }

        return index;
    }
}
