using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Poisson;

/// <summary>One grid point of a <c>poisson</c> run's <c>solution.csv</c>.</summary>
/// <param name="X">The x coordinate.</param>
/// <param name="Y">The y coordinate (2-D), or null (1-D).</param>
/// <param name="Discrete">The discrete solution u_h.</param>
/// <param name="Exact">The analytic solution u*, or null when the source has none.</param>
/// <param name="Network">The network's final output, or null when no network ran.</param>
public sealed record PoissonSolutionRow(double X, double? Y, double Discrete, double? Exact, double? Network)
{
    /// <summary><c>solution.csv</c> of a 1-D problem (no y column): its header, writer and parser.</summary>
    public static CsvRows<PoissonSolutionRow> Solution1dCsv { get; } = new(PoissonRunFolderReader.SolutionFile, "x,discrete,exact,network");

    /// <summary><c>solution.csv</c> of a 2-D problem: its header, writer and parser.</summary>
    public static CsvRows<PoissonSolutionRow> Solution2dCsv { get; } = new(PoissonRunFolderReader.SolutionFile);
}
