using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Ntk;

/// <summary>One row of an <c>ntk</c> run's <c>outputs.csv</c>: one point at one snapshot step.</summary>
/// <param name="Step">Gradient-descent steps taken.</param>
/// <param name="Set"><c>train</c> or <c>test</c>.</param>
/// <param name="X">The input.</param>
/// <param name="Target">y(x).</param>
/// <param name="Real">The trained network's output.</param>
/// <param name="Linear">The linearised prediction.</param>
public sealed record NtkOutputRow(long Step, [CsvColumn(Values = ["train", "test"])] string Set, double X, double Target, double Real, double Linear)
{
    /// <summary><c>outputs.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<NtkOutputRow> Csv { get; } = new("outputs.csv");
}
