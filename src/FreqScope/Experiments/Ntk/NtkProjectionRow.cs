using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Ntk;

/// <summary>One row of an <c>ntk</c> run's <c>projections.csv</c>: the residual f − y on eigenvector k at one probe.</summary>
/// <param name="Step">Gradient-descent steps taken.</param>
/// <param name="K">Eigenvector index (0: largest eigenvalue).</param>
/// <param name="Eigenvalue">λ_k.</param>
/// <param name="Real">v_kᵀ(f_real − y).</param>
/// <param name="Linear">v_kᵀ(f_lin − y) = (1 − ηλ_k/n)^t v_kᵀ(f₀ − y).</param>
public sealed record NtkProjectionRow(long Step, [CsvColumn(What = "index")] int K, double Eigenvalue, double Real, double Linear)
{
    /// <summary><c>projections.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<NtkProjectionRow> Csv { get; } = new("projections.csv");
}
