using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Parity;

/// <summary>One row of a parity run's target-spectrum.csv: the target's shell power P_y(r) on the training points and on all the run's points.</summary>
public sealed record ParityTargetRow(double Radius, double TrainPower, double AllPower)
{
    /// <summary><c>target-spectrum.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<ParityTargetRow> Csv { get; } = new(ParityExperiment.TargetFile);
}
