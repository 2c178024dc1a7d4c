using FreqScope.Experiments.Fit1d;
using FreqScope.Reporting;
namespace FreqScope.Experiments.Classify;

/// <summary>
/// The values behind a heatmap of a <c>classify</c> run: one column per probed epoch (increasing), one row per δ of
/// filtering.csv (increasing) or per frequency-grid index of projection.csv (low frequency first, row 0 drawn at
/// the bottom). A (row, epoch) pair with no CSV row is NaN. Filtering errors are kept as written; projection Δ_F is
/// clipped to [0, 1] by <see cref="HeatmapMatrix.Clip"/>.
/// </summary>
public sealed class EpochHeatmapMatrix
{
    private readonly double[,] _values;

    private EpochHeatmapMatrix(double[] rowKeys, int[] epochs, double[,] values, string column)
    {
        RowKeys = rowKeys;
        Epochs = epochs;
        _values = values;
        Column = column;
    }

    /// <summary>What each row stands for, in row order: δ (filtering) or the frequency-grid index (projection).</summary>
    public IReadOnlyList<double> RowKeys { get; }

    /// <summary>The probed epoch of each column, increasing.</summary>
    public IReadOnlyList<int> Epochs { get; }

    /// <summary>The CSV column the values come from: <c>e_low</c>, <c>e_high</c>, <c>delta_complex</c> or <c>delta_magnitude</c>.</summary>
    public string Column { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => RowKeys.Count;

    /// <summary>The number of columns (epochs).</summary>
    public int ColumnCount => Epochs.Count;

    /// <summary>The value for row <paramref name="row"/> and column <paramref name="column"/>.</summary>
    /// <param name="row">Row number (0-based, see <see cref="RowKeys"/>).</param>
    /// <param name="column">Column number (0-based, see <see cref="Epochs"/>).</param>
    public double this[int row, int column] => _values[row, column];

    /// <summary>A copy of the values as a [row, column] array.</summary>
    /// <returns>A new array.</returns>
    public double[,] ToArray() => (double[,])_values.Clone();

    /// <summary>e_low over (δ, epoch) from filtering.csv; empty when the file is absent.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The matrix, one row per δ in increasing order.</returns>
    public static EpochHeatmapMatrix FilteringLow(ClassifyRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Build(run.Filtering ?? [], run.FilteringDeltas, run.FilteringEpochs, r => r.Delta, r => r.Epoch, r => r.LowError, "e_low");
    }

    /// <summary>e_high over (δ, epoch) from filtering.csv; empty when the file is absent.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The matrix, one row per δ in increasing order.</returns>
    public static EpochHeatmapMatrix FilteringHigh(ClassifyRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Build(run.Filtering ?? [], run.FilteringDeltas, run.FilteringEpochs, r => r.Delta, r => r.Epoch, r => r.HighError, "e_high");
    }

    /// <summary>
    /// Δ_F (the summary's error form, clipped to [0, 1]) over (summary peak, epoch) from projection.csv; empty when
    /// projection.csv or the summary's projection peaks are absent.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The matrix, one row per peak grid index, lowest frequency first.</returns>
    public static EpochHeatmapMatrix ProjectionPeaks(ClassifyRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        double[] rows = run.Projection is null || run.Summary?.Projection is null
            ? []
            : [.. run.Summary.Projection.Peaks.OrderBy(p => p.Frequency).ThenBy(p => p.Index).Select(p => (double)p.Index)];
        return Projection(run, rows);
    }

    /// <summary>Δ_F (clipped to [0, 1]) over (every frequency-grid index, epoch) from projection.csv; empty when absent.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The matrix, one row per grid index in increasing order.</returns>
    public static EpochHeatmapMatrix ProjectionAll(ClassifyRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Projection(run, [.. run.ProjectionIndices.Select(i => (double)i)]);
    }

    private static EpochHeatmapMatrix Projection(ClassifyRunData run, double[] rows) => Build(
        run.Projection ?? [], rows, run.ProjectionEpochs, r => r.Index, r => r.Epoch, r => HeatmapMatrix.Clip(run.Delta(r)), run.DeltaColumn);

    private static EpochHeatmapMatrix Build<TRow>(
        IReadOnlyList<TRow> source,
        double[] rowKeys,
        int[] epochs,
        Func<TRow, double> rowKey,
        Func<TRow, int> epoch,
        Func<TRow, double> value,
        string column) =>
        new(rowKeys, epochs, HeatmapCells.Fill(source, rowKeys, epochs, rowKey, epoch, value), column);
}
