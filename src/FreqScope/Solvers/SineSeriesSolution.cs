namespace FreqScope.Solvers;

/// <summary>
/// Closed-form solutions of the continuous Poisson problem −Δu = g with zero Dirichlet boundary values, for sources
/// that are finite sine series: the references against which discrete solvers and neural networks are measured.
/// </summary>
/// <remarks>
/// <para>
/// 1-D on [Min, Max]: g(x) = Σ A·sin(ωx + φ) (<see cref="SineTerm"/>), and
/// u(x) = s(x) − s(Min) − (s(Max) − s(Min))·(x − Min)/L with s(x) = Σ (A/ω²)·sin(ωx + φ): −s'' = g, and subtracting the
/// straight line through (Min, s(Min)) and (Max, s(Max)) fixes u(Min) = u(Max) = 0 without changing u''.
/// </para>
/// <para>
/// 2-D on [Min, Max]²: g = Σ A·sin(Mπ(x − Min)/L)·sin(Nπ(y − Min)/L) (<see cref="ModeTerm"/>) and
/// u = Σ A/((π/L)²(M² + N²))·sin(Mπ(x − Min)/L)·sin(Nπ(y − Min)/L).
/// </para>
/// <para>Points outside the domain are evaluated by the same formulas (no check).</para>
/// </remarks>
public static class SineSeriesSolution
{
    /// <summary>g(x) = Σ A·sin(ωx + φ) (0 for no terms).</summary>
    public static double Source1D(IReadOnlyList<SineTerm> terms, double x)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var sum = 0.0;
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            sum += term.Amplitude * Math.Sin((term.Frequency * x) + term.Phase);
        }

        return sum;
    }

    /// <summary>
    /// The solution of −u'' = <see cref="Source1D"/>(terms, ·) on [grid.Min, grid.Max] with u(Min) = u(Max) = 0:
    /// s(x) minus the straight line through s(Min) and s(Max), s(x) = Σ (A/ω²) sin(ωx + φ).
    /// </summary>
    /// <param name="grid">A 1-D grid (only Min and Max are used).</param>
    /// <param name="terms">The source terms.</param>
    /// <param name="x">The point.</param>
    /// <exception cref="InvalidOperationException">The grid is 2-D.</exception>
    public static double Exact1D(PoissonGrid grid, IReadOnlyList<SineTerm> terms, double x)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(terms);
        grid.RequireDimension(1);
        var atMin = Particular(terms, grid.Min);
        var atMax = Particular(terms, grid.Max);
        var t = (x - grid.Min) / grid.Length;
        return Particular(terms, x) - (atMin + ((atMax - atMin) * t));
    }

    /// <summary>g(x, y) = Σ A·sin(Mπ(x − Min)/L)·sin(Nπ(y − Min)/L) (0 for no terms).</summary>
    /// <param name="grid">A 2-D grid (only Min and Max are used).</param>
    /// <param name="terms">The source terms.</param>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <exception cref="InvalidOperationException">The grid is 1-D.</exception>
    public static double Source2D(PoissonGrid grid, IReadOnlyList<ModeTerm> terms, double x, double y) =>
        Series2D(grid, terms, x, y, solve: false);

    /// <summary>
    /// The solution of −Δu = <see cref="Source2D"/> on [Min, Max]² with u = 0 on the boundary:
    /// Σ A/((π/L)²(M² + N²))·sin(Mπ(x − Min)/L)·sin(Nπ(y − Min)/L).
    /// </summary>
    /// <param name="grid">A 2-D grid (only Min and Max are used).</param>
    /// <param name="terms">The source terms.</param>
    /// <param name="x">First coordinate.</param>
    /// <param name="y">Second coordinate.</param>
    /// <exception cref="InvalidOperationException">The grid is 1-D.</exception>
    public static double Exact2D(PoissonGrid grid, IReadOnlyList<ModeTerm> terms, double x, double y) =>
        Series2D(grid, terms, x, y, solve: true);

    /// <summary>s(x) = Σ (A/ω²) sin(ωx + φ).</summary>
    private static double Particular(IReadOnlyList<SineTerm> terms, double x)
    {
        var sum = 0.0;
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            sum += term.Amplitude / (term.Frequency * term.Frequency) * Math.Sin((term.Frequency * x) + term.Phase);
        }

        return sum;
    }

    private static double Series2D(PoissonGrid grid, IReadOnlyList<ModeTerm> terms, double x, double y, bool solve)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(terms);
        grid.RequireDimension(2);
        var wave = Math.PI / grid.Length;
        var xi = x - grid.Min;
        var eta = y - grid.Min;
        var sum = 0.0;
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            var value = term.Amplitude * Math.Sin(term.M * wave * xi) * Math.Sin(term.N * wave * eta);
            if (solve)
            {
                value /= wave * wave * (((double)term.M * term.M) + ((double)term.N * term.N));
            }

            sum += value;
        }

        return sum;
    }
}
