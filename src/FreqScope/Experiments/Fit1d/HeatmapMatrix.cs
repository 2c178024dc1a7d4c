using System.Text.Json;
using FreqScope.Experiments;
using FreqScope.Spectral;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// The Δ_F values behind a heatmap: one row per DFT index k, one column per probe step, taken from the spectra.csv
/// column that matches the run's error form (<c>delta_complex</c> or <c>delta_magnitude</c>) and clipped to [0, 1].
/// A (k, step) pair with no row in spectra.csv, or a NaN Δ, is NaN.
/// </summary>
public sealed class HeatmapMatrix
{
    private readonly double[,] _values;

    private HeatmapMatrix(int[] rowIndices, long[] steps, double[,] values, string column)
    {
        RowIndices = rowIndices;
        Steps = steps;
        _values = values;
        Column = column;
    }

    /// <summary>The DFT index k of each row, in row order.</summary>
    public IReadOnlyList<int> RowIndices { get; }

    /// <summary>The probe step of each column, increasing.</summary>
    public IReadOnlyList<long> Steps { get; }

    /// <summary>The spectra.csv column the values come from: <c>delta_complex</c> or <c>delta_magnitude</c>.</summary>
    public string Column { get; }

    /// <summary>The number of rows (DFT indices).</summary>
    public int RowCount => RowIndices.Count;

    /// <summary>The number of columns (probe steps).</summary>
    public int ColumnCount => Steps.Count;

    /// <summary>The clipped Δ_F for row <paramref name="row"/> and column <paramref name="column"/>.</summary>
    /// <param name="row">Row number (0-based, see <see cref="RowIndices"/>).</param>
    /// <param name="column">Column number (0-based, see <see cref="Steps"/>).</param>
    public double this[int row, int column] => _values[row, column];

    /// <summary>A copy of the values as a [row, column] array.</summary>
    /// <returns>A new array.</returns>
    public double[,] ToArray() => (double[,])_values.Clone();

    /// <summary>Clips a Δ value to [0, 1]; +∞ becomes 1, NaN stays NaN.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The clipped value.</returns>
    public static double Clip(double value) => double.IsNaN(value) ? double.NaN : Math.Clamp(value, 0.0, 1.0);

    /// <summary>Builds the matrix for the given DFT indices over all probe steps of the run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="rowIndices">The DFT indices, one per row.</param>
    /// <returns>The matrix.</returns>
    public static HeatmapMatrix Build(FitRunData run, IReadOnlyList<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(rowIndices);
        long[] steps = run.ProbeSteps;
        int[] rows = [.. rowIndices];
        Dictionary<long, int> columnOf = steps.Select((s, i) => (s, i)).ToDictionary(t => t.s, t => t.i);
        Dictionary<int, int> rowOf = [];
        for (int i = 0; i < rows.Length; i++)
        {
            rowOf.TryAdd(rows[i], i);
        }

        double[,] values = new double[rows.Length, steps.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < steps.Length; c++)
            {
                values[r, c] = double.NaN;
            }
        }

        foreach (SpectrumRow spectrum in run.Spectra)
        {
            if (rowOf.TryGetValue(spectrum.K, out int r))
            {
                double value = Clip(run.Delta(spectrum));
                for (int i = r; i < rows.Length; i++)
                {
                    if (rows[i] == spectrum.K)
                    {
                        values[i, columnOf[spectrum.Step]] = value;
                    }
                }
            }
        }

        return new HeatmapMatrix(rows, steps, values, run.DeltaColumn);
    }

    /// <summary>The matrix over the run's peaks (see <see cref="PeakIndices"/>).</summary>
    /// <param name="run">The run.</param>
    /// <returns>The matrix, one row per peak in increasing k.</returns>
    public static HeatmapMatrix ForPeaks(FitRunData run) => Build(run, PeakIndices(run));

    /// <summary>The matrix over every kept DFT index of spectra.csv.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The matrix, one row per k in increasing order.</returns>
    public static HeatmapMatrix ForAllKept(FitRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Build(run, run.KeptIndices);
    }

    /// <summary>
    /// The peaks' DFT indices: from summary.json when present; otherwise the local maxima of the target's |ŷ_k|
    /// at the first probe step over the kept indices, found by <see cref="PeakFinder"/> with <c>probe.minRelativeHeight</c>
    /// (as the run itself finds them), in increasing k.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The peak indices in increasing k.</returns>
    public static int[] PeakIndices(FitRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Summary is not null)
        {
            return [.. run.Summary.Peaks.Select(p => p.Index).Order()];
        }

        long[] steps = run.ProbeSteps;
        if (steps.Length == 0)
        {
            return [];
        }

        // The runner's rule (Spectral.PeakFinder) over the kept indices in increasing k.
        Dictionary<int, double> target = run.Spectra
            .Where(r => r.Step == steps[0])
            .GroupBy(r => r.K)
            .ToDictionary(g => g.Key, g => g.First().TargetAbs);
        int[] ks = [.. target.Keys.Order()];
        double[] magnitudes = [.. ks.Select(k => target[k])];
        return [.. PeakFinder.FindPeaks(magnitudes, MinRelativeHeight(run.ConfigJson)).Select(i => ks[i])];
    }

    private static double MinRelativeHeight(string configJson)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(configJson);
            if (document.RootElement.TryGetProperty("probe", out JsonElement probe)
                && probe.ValueKind == JsonValueKind.Object
                && probe.TryGetProperty("minRelativeHeight", out JsonElement value)
                && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }
        }
        catch (JsonException)
        {
            // config.json was validated by the reader; fall back to the default.
        }

        return new FitProbeConfig().MinRelativeHeight;
    }
}
