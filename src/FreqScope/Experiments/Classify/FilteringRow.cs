using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Classify;

/// <summary>One row of <c>filtering.csv</c>: the filtering method's errors for one δ at one probed epoch.</summary>
/// <param name="Epoch">The epoch (0 is the network before training).</param>
/// <param name="Delta">δ, the variance of the Gaussian filter.</param>
/// <param name="LowError">e_low: relative error of the network's low-frequency part.</param>
/// <param name="HighError">e_high: relative error of the network's high-frequency part.</param>
public sealed record FilteringRow(int Epoch, double Delta, [CsvColumn("e_low")] double LowError, [CsvColumn("e_high")] double HighError)
{
    /// <summary><c>filtering.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<FilteringRow> Csv { get; } = new(ClassifyRunFolderReader.FilteringFile);
}
