using FreqScope.Spectral;

namespace FreqScope.Core.Runs;

/// <summary>
/// Columns of one CSV table of a run folder that are also streamed as TensorBoard scalars
/// (<see cref="TensorBoardCallback"/>): each row gives, for each of <see cref="Values"/>, one scalar at the row's
/// <see cref="Step"/>, tagged <c>STEM/VALUE</c>, or <c>STEM/VALUE/KEY=v</c> for each of <see cref="Keys"/>
/// (e.g. <c>filtering/e_low/delta=2</c>).
/// </summary>
/// <param name="File">The table's file name, e.g. <c>metrics.csv</c>.</param>
/// <param name="Step">The column that holds the step (an integer ≥ 0), e.g. <c>step</c> or <c>epoch</c>.</param>
/// <param name="Keys">Columns that tell the rows of one step apart (peak, band, δ, method), possibly none.</param>
/// <param name="Values">The numeric columns written as scalars.</param>
public sealed record ScalarSeries(string File, string Step, IReadOnlyList<string> Keys, IReadOnlyList<string> Values)
{
    /// <summary>
    /// Chooses, from the header and the rows of the first step, the key values whose rows are written (e.g. a
    /// spectrum's peaks out of every frequency); null writes every row.
    /// </summary>
    public Func<string[], IReadOnlyList<string[]>, IReadOnlySet<string>>? KeepKeys { get; init; }

    /// <summary>
    /// A <see cref="KeepKeys"/> that keeps a spectrum's peaks: the rows of the first step, in file order, give the
    /// magnitudes of column <paramref name="magnitude"/>, whose peaks (<see cref="PeakFinder.FindPeaks"/> with
    /// <paramref name="minRelativeHeight"/>) are the keys kept, as the run's own probes find them.
    /// </summary>
    public static Func<string[], IReadOnlyList<string[]>, IReadOnlySet<string>> Peaks(string key, string magnitude, double minRelativeHeight) =>
        (header, rows) =>
        {
            int k = Array.IndexOf(header, key);
            int m = Array.IndexOf(header, magnitude);
            double[] values = [.. rows.Select(r => double.Parse(r[m], System.Globalization.CultureInfo.InvariantCulture))];
            return PeakFinder.FindPeaks(values, minRelativeHeight).Select(i => rows[i][k]).ToHashSet();
        };
}
