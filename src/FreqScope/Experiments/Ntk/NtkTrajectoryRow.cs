using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Ntk;

/// <summary>One row of an <c>ntk</c> run's <c>trajectory.csv</c>: one probe.</summary>
/// <param name="Step">Gradient-descent steps taken.</param>
/// <param name="LossReal">L = (1/2n) Σ (f − y)² of the trained network on the training points.</param>
/// <param name="LossLinear">The same for the linearised prediction.</param>
/// <param name="Discrepancy">‖f_real − f_lin‖₂ / ‖y − f₀‖₂ on the training points.</param>
/// <param name="TestLossReal">L on the test points (1/2m normalisation), or null without test points.</param>
/// <param name="TestLossLinear">The same for the linearised prediction, or null.</param>
/// <param name="TestDiscrepancy">The discrepancy on the test points, or null.</param>
public sealed record NtkTrajectoryRow(long Step, double LossReal, double LossLinear, double Discrepancy, double? TestLossReal, double? TestLossLinear, double? TestDiscrepancy)
{
    /// <summary><c>trajectory.csv</c> (test columns empty without test points): its header, writer and parser.</summary>
    public static CsvRows<NtkTrajectoryRow> Csv { get; } = new("trajectory.csv");
}
