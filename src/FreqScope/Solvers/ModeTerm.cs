using System.Globalization;

namespace FreqScope.Solvers;

/// <summary>
/// One term A·sin(Mπ(x − Min)/L)·sin(Nπ(y − Min)/L) of a 2-D source g on the square [Min, Max]², L = Max − Min
/// (see <see cref="SineSeriesSolution.Source2D"/>). It vanishes on the boundary and is an eigenfunction of −Δ with
/// eigenvalue (π/L)²(M² + N²); on a grid with n &gt; max(M, N) intervals its samples are the discrete sine mode (M, N).
/// </summary>
/// <param name="Amplitude">A, finite.</param>
/// <param name="M">Half-periods along x over the domain, ≥ 1 (frequency M/(2L) cycles per unit length).</param>
/// <param name="N">Half-periods along y over the domain, ≥ 1.</param>
public sealed record ModeTerm(double Amplitude, int M, int N)
{
    /// <summary>A, finite.</summary>
    public double Amplitude { get; } = double.IsFinite(Amplitude)
        ? Amplitude
        : throw new ArgumentOutOfRangeException(nameof(Amplitude), Amplitude, $"The amplitude must be finite, got {Amplitude.ToString("R", CultureInfo.InvariantCulture)}.");

    /// <summary>Mode index along x, ≥ 1.</summary>
    public int M { get; } = M >= 1
        ? M
        : throw new ArgumentOutOfRangeException(nameof(M), M, $"The mode index M must be >= 1, got {M}.");

    /// <summary>Mode index along y, ≥ 1.</summary>
    public int N { get; } = N >= 1
        ? N
        : throw new ArgumentOutOfRangeException(nameof(N), N, $"The mode index N must be >= 1, got {N}.");
}
