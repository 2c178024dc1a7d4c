using FreqScope.Solvers;

namespace FreqScope.Tests.Solvers;

public sealed class DiscreteLaplacianTests
{
    private const double Min = -1.0;
    private const double Max = 2.0;

    /// <summary>f(x) = sin(b(x − Min))·e^{cx} and f''(x) = e^{cx}[(c² − b²) sin(b(x − Min)) + 2bc cos(b(x − Min))].</summary>
    private static double F(double b, double c, double x) => Math.Sin(b * (x - Min)) * Math.Exp(c * x);

    private static double F2(double b, double c, double x) =>
        Math.Exp(c * x) * ((((c * c) - (b * b)) * Math.Sin(b * (x - Min))) + (2 * b * c * Math.Cos(b * (x - Min))));

    [Fact]
    public void OneDimensionalOperatorConvergesAsHSquared()
    {
        // u = sin(π(x − Min)/L)·e^x vanishes at both ends of [−1, 2].
        var b = Math.PI / (Max - Min);
        var errors = new List<double>();
        foreach (var n in new[] { 16, 32, 64, 128, 256 })
        {
            var grid = new PoissonGrid(1, Min, Max, n);
            var u = grid.Sample(x => F(b, 1.0, x));
            var result = new double[grid.Unknowns];

            DiscreteLaplacian.Apply(grid, u, result);

            errors.Add(SolverReference.MaxAbsDifference(result, grid.Sample(x => -F2(b, 1.0, x))));
        }

        SolverReference.AssertSecondOrder(errors);
    }

    [Fact]
    public void TwoDimensionalOperatorConvergesAsHSquared()
    {
        // u = f(x)·g(y) with f = sin(π(x − Min)/L)e^{x/2}, g = sin(2π(y − Min)/L)e^{−y/3}; −Δu = −f''g − fg''.
        var b1 = Math.PI / (Max - Min);
        var b2 = 2 * Math.PI / (Max - Min);
        var errors = new List<double>();
        foreach (var n in new[] { 16, 32, 64, 128 })
        {
            var grid = new PoissonGrid(2, Min, Max, n);
            var u = grid.Sample((x, y) => F(b1, 0.5, x) * F(b2, -1.0 / 3, y));
            var exact = grid.Sample((x, y) => -(F2(b1, 0.5, x) * F(b2, -1.0 / 3, y)) - (F(b1, 0.5, x) * F2(b2, -1.0 / 3, y)));
            var result = new double[grid.Unknowns];

            DiscreteLaplacian.Apply(grid, u, result);

            errors.Add(SolverReference.MaxAbsDifference(result, exact));
        }

        SolverReference.AssertSecondOrder(errors);
    }

    [Fact]
    public void ApplyEqualsTheDenseStencilMatrix()
    {
        foreach (var grid in new[] { new PoissonGrid(1, Min, Max, 9), new PoissonGrid(2, Min, Max, 7) })
        {
            var u = SolverReference.RandomVector(grid.Unknowns, seed: grid.Unknowns);
            var a = SolverReference.DenseLaplacian(grid);
            var result = new double[grid.Unknowns];

            DiscreteLaplacian.Apply(grid, u, result);

            for (var r = 0; r < grid.Unknowns; r++)
            {
                var expected = 0.0;
                for (var c = 0; c < grid.Unknowns; c++) expected += a[r, c] * u[c];
                Assert.Equal(expected, result[r], 1e-12 * 8 / (grid.Spacing * grid.Spacing));
            }
        }
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(10, 4)]
    [InlineData(10, 9)]
    [InlineData(33, 17)]
    public void SineModesAreEigenvectorsWithTheClosedFormEigenvalue(int n, int k)
    {
        var grid = new PoissonGrid(1, Min, Max, n);
        var mode = SolverReference.Mode(grid, k);
        var result = new double[grid.Unknowns];
        var h = grid.Spacing;
        var lambda = 4 / (h * h) * Math.Pow(Math.Sin(k * Math.PI / (2 * n)), 2);

        DiscreteLaplacian.Apply(grid, mode, result);

        Assert.Equal(lambda, DiscreteLaplacian.Eigenvalue(grid, k), lambda * 1e-14);
        for (var i = 0; i < mode.Length; i++)
        {
            Assert.Equal(lambda * mode[i], result[i], lambda * 1e-12);
        }
    }

    [Fact]
    public void TwoDimensionalEigenvalueIsTheSumOfTheAxisEigenvalues()
    {
        var grid = new PoissonGrid(2, Min, Max, 12);
        var line = new PoissonGrid(1, Min, Max, 12);
        var mode = SolverReference.Mode(grid, 3, 10);
        var result = new double[grid.Unknowns];

        DiscreteLaplacian.Apply(grid, mode, result);

        var lambda = DiscreteLaplacian.Eigenvalue(line, 3) + DiscreteLaplacian.Eigenvalue(line, 10);
        Assert.Equal(lambda, DiscreteLaplacian.Eigenvalue(grid, 3, 10), lambda * 1e-15);
        for (var p = 0; p < mode.Length; p++)
        {
            Assert.Equal(lambda * mode[p], result[p], lambda * 1e-12);
        }
    }

    [Fact]
    public void LowEigenvaluesApproachTheContinuousOnesAsHSquared()
    {
        // λ_k = (4/h²)sin²(kπh/(2L)) = (kπ/L)²(1 − (kπh/L)²/12 + O(h⁴)).
        foreach (var n in new[] { 100, 1000 })
        {
            var grid = new PoissonGrid(1, Min, Max, n);
            var continuous = Math.Pow(3 * Math.PI / grid.Length, 2);
            var relative = (continuous - DiscreteLaplacian.Eigenvalue(grid, 3)) / continuous;
            var theta2 = Math.Pow(3 * Math.PI / n, 2);
            Assert.Equal(theta2 / 12, relative, theta2 * relative); // next term is O(h²) relative to this one
        }
    }

    [Fact]
    public void OperatorIsSymmetric()
    {
        var grid = new PoissonGrid(2, Min, Max, 11);
        var u = SolverReference.RandomVector(grid.Unknowns, 1);
        var v = SolverReference.RandomVector(grid.Unknowns, 2);
        var au = new double[u.Length];
        var av = new double[u.Length];

        DiscreteLaplacian.Apply(grid, u, au);
        DiscreteLaplacian.Apply(grid, v, av);

        var left = au.Zip(v, (a, b) => a * b).Sum();
        var right = u.Zip(av, (a, b) => a * b).Sum();
        Assert.Equal(left, right, Math.Abs(left) * 1e-12);
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        var line = new PoissonGrid(1, 0, 1, 8);
        var square = new PoissonGrid(2, 0, 1, 8);
        Assert.Throws<ArgumentException>(() => DiscreteLaplacian.Apply(line, new double[6], new double[7]));
        Assert.Throws<ArgumentException>(() => DiscreteLaplacian.Apply(square, new double[49], new double[7]));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteLaplacian.Eigenvalue(line, 8));
        Assert.Contains("got 8", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteLaplacian.Eigenvalue(line, 0));
        Assert.Throws<InvalidOperationException>(() => DiscreteLaplacian.Eigenvalue(square, 1));
        Assert.Throws<InvalidOperationException>(() => DiscreteLaplacian.Eigenvalue(line, 1, 1));
    }
}
