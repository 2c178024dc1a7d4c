using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Poisson;

/// <summary>One row of a <c>poisson</c> run's <c>modes.csv</c>: one mode's relative error at one probe of a classic method or the network.</summary>
/// <param name="Method">A classic relaxation or <c>network</c>.</param>
/// <param name="Iteration">The probe's iteration (sweeps or optimizer steps).</param>
/// <param name="Mode">The sine index k (1-D) or the radial shell s (2-D).</param>
/// <param name="Frequency">The mode's frequency in cycles per unit length.</param>
/// <param name="RelativeError">|ê_mode| / |û_mode|: the error's amplitude in the mode over the discrete solution's (≥ 0, or NaN).</param>
public sealed record PoissonModeRow(string Method, long Iteration, [CsvColumn(What = "mode index")] int Mode, double Frequency, double RelativeError)
{
    /// <summary><c>modes.csv</c> (no hybrid rows; relative errors ≥ 0): its header, writer and parser.</summary>
    public static CsvRows<PoissonModeRow> Csv { get; } = new(PoissonRunFolderReader.ModesFile, check: PoissonRunFolderReader.CheckMode);
}
