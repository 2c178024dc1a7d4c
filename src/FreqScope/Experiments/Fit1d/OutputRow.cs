using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Fit1d;

/// <summary>One row of <c>outputs.csv</c>: target and network output at one evaluation point and snapshot step.</summary>
/// <param name="Step">The snapshot step.</param>
/// <param name="X">The evaluation point.</param>
/// <param name="Target">The target value at <paramref name="X"/>.</param>
/// <param name="Output">The network output at <paramref name="X"/>.</param>
public sealed record OutputRow(long Step, double X, double Target, double Output)
{
    /// <summary><c>outputs.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<OutputRow> Csv { get; } = new("outputs.csv");
}
