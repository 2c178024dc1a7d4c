using FreqScope.Solvers;

namespace FreqScope.Tests.Solvers;

public sealed class DirectPoissonSolverTests
{
    private static readonly SineTerm[] Terms1D = [new(1.0, 3.0, 0.2), new(0.5, 7.5, -1.0), new(-2.0, 1.0, 0.0)];

    private static readonly ModeTerm[] Terms2D = [new(1.0, 1, 1), new(0.5, 2, 5), new(-0.25, 7, 3)];

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(1, 37)]
    [InlineData(2, 64)]
    [InlineData(2, 45)]
    public void ResidualIsAtRoundingLevel(int dimension, int n)
    {
        var grid = new PoissonGrid(dimension, -1.0, 2.0, n);
        var g = SolverReference.RandomVector(grid.Unknowns, seed: n);

        var u = DirectPoissonSolver.Solve(grid, g);

        var residual = new double[u.Length];
        DiscreteLaplacian.Apply(grid, u, residual);
        // Backward-stable level: a few ε·‖A‖∞·‖u‖∞ with ‖A‖∞ = 4·dimension/h².
        var level = (64 * 2.2e-16 * 4 * dimension / (grid.Spacing * grid.Spacing) * SolverReference.MaxAbs(u));
        Assert.True(SolverReference.MaxAbsDifference(residual, g) < level, $"residual {SolverReference.MaxAbsDifference(residual, g):E3}, level {level:E3}");
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 11)]
    [InlineData(2, 2)]
    [InlineData(2, 8)]
    [InlineData(2, 9)]
    public void EqualsDenseGaussianElimination(int dimension, int n)
    {
        var grid = new PoissonGrid(dimension, 0.5, 1.75, n);
        var g = SolverReference.RandomVector(grid.Unknowns, seed: 3 * n);

        var u = DirectPoissonSolver.Solve(grid, g);

        var expected = SolverReference.GaussianElimination(SolverReference.DenseLaplacian(grid), g);
        Assert.True(SolverReference.MaxAbsDifference(u, expected) < 1e-13 * SolverReference.MaxAbs(expected), $"n = {n}");
    }

    [Fact]
    public void OneDimensionalSolutionConvergesToTheSineSeriesSolutionAsHSquared()
    {
        var errors = new List<double>();
        foreach (var n in new[] { 64, 128, 256, 512 })
        {
            var grid = new PoissonGrid(1, -1.0, 2.0, n);
            var u = DirectPoissonSolver.Solve(grid, grid.Sample(x => SineSeriesSolution.Source1D(Terms1D, x)));

            errors.Add(SolverReference.MaxAbsDifference(u, grid.Sample(x => SineSeriesSolution.Exact1D(grid, Terms1D, x))));
        }

        SolverReference.AssertSecondOrder(errors);
    }

    [Fact]
    public void TwoDimensionalSolutionConvergesToTheModeSeriesSolutionAsHSquared()
    {
        var errors = new List<double>();
        foreach (var n in new[] { 32, 64, 128, 256 })
        {
            var grid = new PoissonGrid(2, -1.0, 2.0, n);
            var u = DirectPoissonSolver.Solve(grid, grid.Sample((x, y) => SineSeriesSolution.Source2D(grid, Terms2D, x, y)));

            errors.Add(SolverReference.MaxAbsDifference(u, grid.Sample((x, y) => SineSeriesSolution.Exact2D(grid, Terms2D, x, y))));
        }

        SolverReference.AssertSecondOrder(errors);
    }

    [Fact]
    public void ForAModeTermTheDiscreteSolutionIsTheExactOneTimesTheEigenvalueRatio()
    {
        // g = A·s_MN is a discrete eigenvector, so u_h = (A/λ_MN)·s_MN while u = A/((π/L)²(M² + N²))·s_MN.
        var grid = new PoissonGrid(2, -1.0, 2.0, 24);
        foreach (var term in Terms2D)
        {
            ModeTerm[] terms = [term];
            var u = DirectPoissonSolver.Solve(grid, grid.Sample((x, y) => SineSeriesSolution.Source2D(grid, terms, x, y)));
            var exact = grid.Sample((x, y) => SineSeriesSolution.Exact2D(grid, terms, x, y));
            var continuous = Math.Pow(Math.PI / grid.Length, 2) * ((term.M * term.M) + (term.N * term.N));
            var ratio = continuous / DiscreteLaplacian.Eigenvalue(grid, term.M, term.N);

            Assert.True(ratio > 1, "the discrete eigenvalue is below the continuous one");
            var scale = SolverReference.MaxAbs(exact);
            for (var p = 0; p < u.Length; p++)
            {
                Assert.Equal(ratio * exact[p], u[p], 1e-13 * scale);
            }
        }
    }

    [Fact]
    public void WrongLengthIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => DirectPoissonSolver.Solve(new PoissonGrid(2, 0, 1, 5), new double[5]));
        Assert.Contains("length 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("16 unknowns", error.Message, StringComparison.Ordinal);
    }
}
