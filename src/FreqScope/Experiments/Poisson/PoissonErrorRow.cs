using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Poisson;

/// <summary>One row of a <c>poisson</c> run's <c>errors.csv</c>: one probe of one method.</summary>
/// <param name="Method">The method (see <see cref="PoissonMethods"/>).</param>
/// <param name="Iteration">Sweeps (relaxation), optimizer steps (network) or sweeps after the handover (hybrid).</param>
/// <param name="Seconds">Solver wall time so far (a hybrid's includes the network's training up to the handover).</param>
/// <param name="ErrorInf">‖u − u_h‖∞ against the discrete solution u_h.</param>
/// <param name="ErrorRms">The root-mean-square error against u_h.</param>
public sealed record PoissonErrorRow(string Method, long Iteration, double Seconds, double ErrorInf, double ErrorRms)
{
    /// <summary><c>errors.csv</c> (every method of <see cref="PoissonMethods"/>): its header, writer and parser.</summary>
    public static CsvRows<PoissonErrorRow> Csv { get; } = new(PoissonRunFolderReader.ErrorsFile, check: (row, f, file, line) => PoissonRunFolderReader.CheckMethod(row.Method, file, line, PoissonMethods.IsValid, PoissonMethods.Expected));
}
