using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Classify;

/// <summary>One row of a <c>classify</c> run's <c>projection-direction.csv</c>: one coordinate of the projection method's unit direction p.</summary>
/// <param name="Feature">The input feature (index (c·H + y)·W + x of channel c, row y, column x, as the dataset stores an image).</param>
/// <param name="Value">p's coordinate along it (Σ value² = 1).</param>
public sealed record ProjectionDirectionRow(int Feature, double Value)
{
    /// <summary><c>projection-direction.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ProjectionDirectionRow> Csv { get; } = new("projection-direction.csv");
}
