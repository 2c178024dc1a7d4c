using FreqScope.Core.Tables;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>One row of fit.csv: a training point, the target there, and the network's output at step 0 and at the end.</summary>
public sealed record FourierFitRow(double X, double Target, double Initial, double Final)
{
    /// <summary><c>fit.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<FourierFitRow> Csv { get; } = new(FourierExperiment.FitFile);
}
