namespace FreqScope.Solvers;

/// <summary>
/// Exact (to rounding) solution u_h of the discrete Poisson problem −Δ_h u = g on a <see cref="PoissonGrid"/> with zero
/// Dirichlet boundary values — the fixed point the iterative solvers of <see cref="Relaxation"/> converge to.
/// </summary>
/// <remarks>
/// 1-D: the tridiagonal system (2u_i − u_{i−1} − u_{i+1}) = h² g_i is solved by the Thomas algorithm, O(n). 2-D: the
/// five-point system is diagonalised by the sine transform, u = S⁻¹(ĝ_kl/λ_kl) with ĝ = <see cref="SineTransform.Forward2D"/>(g)
/// and λ_kl = <see cref="DiscreteLaplacian.Eigenvalue(PoissonGrid, int, int)"/>, O(n² log n).
/// </remarks>
public static class DirectPoissonSolver
{
    /// <summary>Solves −Δ_h u = <paramref name="rhs"/>.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="rhs">The source g sampled at the interior nodes (storage layout of <see cref="PoissonGrid"/>).</param>
    /// <returns>u_h at the interior nodes, same layout.</returns>
    /// <exception cref="ArgumentException">The length of <paramref name="rhs"/> is not <see cref="PoissonGrid.Unknowns"/>.</exception>
    public static double[] Solve(PoissonGrid grid, ReadOnlySpan<double> rhs)
    {
        ArgumentNullException.ThrowIfNull(grid);
        grid.RequireUnknowns(rhs.Length, nameof(rhs));
        return grid.Dimension == 1 ? Thomas(grid, rhs) : Spectral(grid, rhs);
    }

    /// <summary>Thomas algorithm for tridiag(−1, 2, −1)·u = h²g (row i: −u_{i−1} + 2u_i − u_{i+1} = h²g_i).</summary>
    private static double[] Thomas(PoissonGrid grid, ReadOnlySpan<double> rhs)
    {
        var m = rhs.Length;
        var h2 = grid.Spacing * grid.Spacing;
        var offDiagonal = new double[m];
        var diagonal = new double[m];
        var d = new double[m];
        for (var i = 0; i < m; i++)
        {
            offDiagonal[i] = -1.0;
            diagonal[i] = 2.0;
            d[i] = h2 * rhs[i];
        }

        var u = new double[m];
        Tridiagonal.Solve(offDiagonal, diagonal, offDiagonal, d, u, new double[m]);
        return u;
    }

    private static double[] Spectral(PoissonGrid grid, ReadOnlySpan<double> rhs)
    {
        var m = grid.PointsPerAxis;
        var axis = new double[m];
        for (var k = 1; k <= m; k++)
        {
            axis[k - 1] = DiscreteLaplacian.AxisEigenvalue(grid, k);
        }

        var coefficients = SineTransform.Forward2D(rhs, m);
        for (var k = 0; k < m; k++)
        {
            for (var l = 0; l < m; l++)
            {
                coefficients[(k * m) + l] /= axis[k] + axis[l];
            }
        }

        return SineTransform.Inverse2D(coefficients, m);
    }
}
