namespace FreqScope.Solvers;

/// <summary>
/// The central-difference negative Laplacian −Δ_h on a <see cref="PoissonGrid"/> with zero Dirichlet boundary values.
/// </summary>
/// <remarks>
/// <para>
/// 1-D: (−Δ_h u)_i = (2u_i − u_{i−1} − u_{i+1})/h²; 2-D five-point stencil:
/// (−Δ_h u)_{ij} = (4u_{ij} − u_{i−1,j} − u_{i+1,j} − u_{i,j−1} − u_{i,j+1})/h², where a neighbour on the boundary is 0.
/// Vectors use the grid's storage layout (see <see cref="PoissonGrid"/>). Applied to the samples of a smooth u
/// that vanishes on the boundary, −Δ_h u = −Δu − (h²/12)(∂⁴u/∂x⁴ + ∂⁴u/∂y⁴) + O(h⁴) at every interior node, so the
/// result converges to −Δu as h².
/// </para>
/// <para>
/// The operator is symmetric positive definite; its eigenvectors are the sine modes
/// s_k(i) = sin(kπ i/n), k = 1..n−1 (products s_k(i)·s_l(j) in 2-D), with the eigenvalues of <see cref="Eigenvalue(PoissonGrid, int)"/>.
/// </para>
/// </remarks>
public static class DiscreteLaplacian
{
    /// <summary>Computes <paramref name="result"/> = −Δ_h <paramref name="u"/> (zero boundary values). O(unknowns).</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="u">Values at the interior nodes, length <see cref="PoissonGrid.Unknowns"/>.</param>
    /// <param name="result">Receives −Δ_h u; same length; must not overlap <paramref name="u"/>.</param>
    /// <exception cref="ArgumentException">A length differs from the number of unknowns.</exception>
    public static void Apply(PoissonGrid grid, ReadOnlySpan<double> u, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(grid);
        grid.RequireUnknowns(u.Length, nameof(u));
        grid.RequireUnknowns(result.Length, nameof(result));
        var h = grid.Spacing;
        var scale = 1.0 / (h * h);
        var m = grid.PointsPerAxis;
        if (grid.Dimension == 1)
        {
            for (var i = 0; i < m; i++)
            {
                var left = i > 0 ? u[i - 1] : 0.0;
                var right = i < m - 1 ? u[i + 1] : 0.0;
                result[i] = ((2.0 * u[i]) - left - right) * scale;
            }

            return;
        }

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var p = (i * m) + j;
                var west = i > 0 ? u[p - m] : 0.0;
                var east = i < m - 1 ? u[p + m] : 0.0;
                var south = j > 0 ? u[p - 1] : 0.0;
                var north = j < m - 1 ? u[p + 1] : 0.0;
                result[p] = ((4.0 * u[p]) - west - east - south - north) * scale;
            }
        }
    }

    /// <summary>
    /// Eigenvalue of the 1-D operator for the sine mode sin(kπ i/n): λ_k = (4/h²) sin²(kπ/(2n)), in 1/(unit length)².
    /// It tends to the continuous eigenvalue (kπ/L)² as h → 0 for fixed k.
    /// </summary>
    /// <param name="grid">A 1-D grid.</param>
    /// <param name="k">Mode index, 1..n−1.</param>
    /// <exception cref="InvalidOperationException">The grid is 2-D.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> outside 1..n−1.</exception>
    public static double Eigenvalue(PoissonGrid grid, int k)
    {
        ArgumentNullException.ThrowIfNull(grid);
        grid.RequireDimension(1);
        grid.CheckMode(k, nameof(k));
        return AxisEigenvalue(grid, k);
    }

    /// <summary>
    /// Eigenvalue of the 2-D operator for the mode sin(kπ i/n)·sin(lπ j/n): λ_kl = λ_k + λ_l with
    /// λ_k = (4/h²) sin²(kπ/(2n)).
    /// </summary>
    /// <param name="grid">A 2-D grid.</param>
    /// <param name="k">Mode index along x, 1..n−1.</param>
    /// <param name="l">Mode index along y, 1..n−1.</param>
    /// <exception cref="InvalidOperationException">The grid is 1-D.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> or <paramref name="l"/> outside 1..n−1.</exception>
    public static double Eigenvalue(PoissonGrid grid, int k, int l)
    {
        ArgumentNullException.ThrowIfNull(grid);
        grid.RequireDimension(2);
        grid.CheckMode(k, nameof(k));
        grid.CheckMode(l, nameof(l));
        return AxisEigenvalue(grid, k) + AxisEigenvalue(grid, l);
    }

    /// <summary>(4/h²) sin²(kπ/(2n)) without argument checks.</summary>
    internal static double AxisEigenvalue(PoissonGrid grid, int k)
    {
        var h = grid.Spacing;
        var s = Math.Sin(k * Math.PI / (2.0 * grid.Intervals));
        return 4.0 * s * s / (h * h);
    }
}
