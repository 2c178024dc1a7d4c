using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Classify;

/// <summary>One row of <c>projection.csv</c>: the projected spectra at one frequency-grid index and probed epoch.</summary>
/// <param name="Epoch">The epoch (0 is the network before training).</param>
/// <param name="Index">The frequency-grid index (0 … K−1).</param>
/// <param name="Frequency">Cycles per unit of the projected coordinate.</param>
/// <param name="OutputAbs">|ĥ(k)| of the network output (norm over output components).</param>
/// <param name="TargetAbs">|ŷ(k)| of the target (norm over output components).</param>
/// <param name="DeltaComplex">|ĥ(k) − ŷ(k)| / |ŷ(k)|.</param>
/// <param name="DeltaMagnitude">||ĥ(k)| − |ŷ(k)|| / |ŷ(k)|.</param>
public sealed record ProjectionRow(
    int Epoch,
    [CsvColumn(What = "frequency-grid index")] int Index,
    double Frequency,
    double OutputAbs,
    double TargetAbs,
    double DeltaComplex,
    double DeltaMagnitude)
{
    /// <summary><c>projection.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ProjectionRow> Csv { get; } = new(ClassifyRunFolderReader.ProjectionFile);
}
