using FreqScope.Reporting;
namespace FreqScope.Experiments.Poisson;

/// <summary>
/// The values behind a per-mode heatmap of a <c>poisson</c> run: log10 of the relative error |ê|/|û| of one method
/// (modes.csv), one row per recorded mode (increasing, row 0 drawn at the bottom) and one column per probe iteration
/// of that method (increasing; the probes need not be evenly spaced). A relative error of 0 is −∞; a (mode,
/// iteration) pair with no row, or a NaN error, is NaN.
/// </summary>
public sealed class ModeHeatmapMatrix
{
    /// <summary>How many decades below ε the shared colour scale reaches at most (<see cref="ColorRange"/>).</summary>
    public const int DecadesBelowEpsilon = 4;

    /// <summary>How many decades the shared colour scale spans at most when ε is unknown (<see cref="ColorRange"/>).</summary>
    public const int MaxDecades = 10;

    private readonly double[,] _values;

    private ModeHeatmapMatrix(string method, int[] modes, long[] iterations, double[,] values)
    {
        Method = method;
        Modes = modes;
        Iterations = iterations;
        _values = values;
    }

    /// <summary>The method the values belong to.</summary>
    public string Method { get; }

    /// <summary>The mode of each row (sine index k or shell s), increasing.</summary>
    public IReadOnlyList<int> Modes { get; }

    /// <summary>The probe iteration of each column, increasing.</summary>
    public IReadOnlyList<long> Iterations { get; }

    /// <summary>The number of rows (modes).</summary>
    public int RowCount => Modes.Count;

    /// <summary>The number of columns (probes).</summary>
    public int ColumnCount => Iterations.Count;

    /// <summary>log10 of the relative error for row <paramref name="row"/> and column <paramref name="column"/>.</summary>
    /// <param name="row">Row number (0-based, see <see cref="Modes"/>).</param>
    /// <param name="column">Column number (0-based, see <see cref="Iterations"/>).</param>
    public double this[int row, int column] => _values[row, column];

    /// <summary>A copy of the values as a [row, column] array.</summary>
    /// <returns>A new array.</returns>
    public double[,] ToArray() => (double[,])_values.Clone();

    /// <summary>A copy of the values with finite and infinite values clamped to [<paramref name="low"/>, <paramref name="high"/>] (NaN stays NaN).</summary>
    /// <param name="low">The lower end.</param>
    /// <param name="high">The upper end.</param>
    /// <returns>A new array.</returns>
    public double[,] Clamped(double low, double high)
    {
        double[,] values = ToArray();
        for (int r = 0; r < RowCount; r++)
        {
            for (int c = 0; c < ColumnCount; c++)
            {
                values[r, c] = double.IsNaN(values[r, c]) ? double.NaN : Math.Clamp(values[r, c], low, high);
            }
        }

        return values;
    }

    /// <summary>The matrix of <paramref name="method"/> from the run's modes.csv; empty when the method has no rows.</summary>
    /// <param name="run">The run.</param>
    /// <param name="method">A classic relaxation or <c>network</c>.</param>
    /// <returns>The matrix.</returns>
    public static ModeHeatmapMatrix Build(PoissonRunData run, string method)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(method);
        PoissonModeRow[] rows = run.ModesOf(method);
        int[] modes = [.. rows.Select(r => r.Mode).Distinct().Order()];
        long[] iterations = [.. rows.Select(r => r.Iteration).Distinct().Order()];
        double[,] values = HeatmapCells.Fill(rows, modes, iterations, r => r.Mode, r => r.Iteration, r => Math.Log10(r.RelativeError));
        return new ModeHeatmapMatrix(method, modes, iterations, values);
    }

    /// <summary>
    /// The colour range (in log10 units) that heatmaps drawn side by side share: from the floor of the smallest finite
    /// value to the ceiling of the largest over all <paramref name="matrices"/>, with the lower end raised to at most
    /// <see cref="DecadesBelowEpsilon"/> decades below ε (<paramref name="epsilon"/>) or, when ε is unknown, to at most
    /// <see cref="MaxDecades"/> decades below the upper end; at least one decade wide; (−1, 0) when there is no finite value.
    /// </summary>
    /// <param name="matrices">The matrices to be drawn with one scale.</param>
    /// <param name="epsilon">The per-mode convergence threshold, or null.</param>
    /// <returns>The lower and upper end (integers).</returns>
    public static (double Low, double High) ColorRange(IEnumerable<ModeHeatmapMatrix> matrices, double? epsilon)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        double[] finite = [.. matrices.SelectMany(m => m._values.Cast<double>()).Where(double.IsFinite)];
        if (finite.Length == 0)
        {
            return (-1, 0);
        }

        double high = Math.Ceiling(finite.Max());
        double floor = epsilon is double e && e > 0 && double.IsFinite(e)
            ? Math.Floor(Math.Log10(e)) - DecadesBelowEpsilon
            : high - MaxDecades;
        double low = Math.Max(Math.Floor(finite.Min()), floor);
        return low < high ? (low, high) : (high - 1, high);
    }
}
