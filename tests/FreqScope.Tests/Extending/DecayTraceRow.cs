using FreqScope.Core.Tables;

namespace FreqScope.Tests.Extending;

/// <summary>One row of trace.csv: x after a probed step.</summary>
public sealed record DecayTraceRow(long Step, double X)
{
    /// <summary>trace.csv (header <c>step,x</c>): its header, writer and parser.</summary>
    public static CsvRows<DecayTraceRow> Csv { get; } = new(DecayExperiment.TraceFile);
}
