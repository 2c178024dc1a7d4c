using FreqScope.Core.Tables;

namespace FreqScope.Experiments.Ntk;

/// <summary>One row of an <c>ntk</c> run's <c>eigen.csv</c>: one eigenvector of Θ₀ on the training points.</summary>
/// <param name="Index">k, 0 for the largest eigenvalue.</param>
/// <param name="Eigenvalue">λ_k (descending in k).</param>
/// <param name="DftIndex">The peak of the eigenvector's one-sided DFT magnitude on the uniform training grid.</param>
/// <param name="Frequency">That peak's frequency in cycles per unit length.</param>
public sealed record NtkEigenRow([CsvColumn(What = "index")] int Index, double Eigenvalue, [CsvColumn(What = "index")] int DftIndex, double Frequency)
{
    /// <summary><c>eigen.csv</c>: its header, writer and parser.</summary>
    public static CsvRows<NtkEigenRow> Csv { get; } = new("eigen.csv");
}
