using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Classify;

/// <summary>One row of paths.csv: the mean power spectral density of one kind of pair (<c>within</c> or <c>between</c>) at a frequency (cycles per unit input distance) and probe epoch.</summary>
public sealed record PathRow(int Epoch, [CsvColumn(Values = [PathProbeKinds.Within, PathProbeKinds.Between])] string Kind, double Frequency, double Density)
{
    /// <summary><c>paths.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<PathRow> Csv { get; } = new(ClassifyRunFolderReader.PathsFile);
}
