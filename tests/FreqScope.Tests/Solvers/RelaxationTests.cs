using FreqScope.Solvers;

namespace FreqScope.Tests.Solvers;

/// <summary>
/// Grid convention in these tests: n intervals on [Min, Max], unknowns at x_i = Min + i·h, i = 1..n−1 (entry i − 1;
/// 2-D entry (i − 1)(n − 1) + (j − 1)), zero boundary values; the sine mode k is s_k(i) = sin(kπ i/n), and the DST
/// coefficient c_k of a vector v is its amplitude in v = Σ c_k s_k.
/// </summary>
public sealed class RelaxationTests
{
    private const double Min = -1.0;
    private const double Max = 2.0;

    private static (PoissonGrid Grid, double[] Rhs, double[] Solution) Problem(int dimension, int n, int seed)
    {
        var grid = new PoissonGrid(dimension, Min, Max, n);
        var rhs = SolverReference.RandomVector(grid.Unknowns, seed);
        return (grid, rhs, DirectPoissonSolver.Solve(grid, rhs));
    }

    /// <summary>u_h + Σ a_k s_k (1-D) with the given amplitudes.</summary>
    private static double[] Perturbed(PoissonGrid grid, double[] solution, IReadOnlyDictionary<int, double> amplitudes)
    {
        var u = (double[])solution.Clone();
        foreach (var (k, a) in amplitudes)
        {
            var mode = SolverReference.Mode(grid, k);
            for (var i = 0; i < u.Length; i++) u[i] += a * mode[i];
        }

        return u;
    }

    /// <summary>Asserts DST(u − u_h) = a_k·r_k^t (relative 1e-10) for the seeded modes and ≈ 0 for the others.</summary>
    private static void AssertModes(double[] coefficients, IReadOnlyDictionary<int, double> amplitudes, Func<int, double> factor, int sweeps)
    {
        for (var k = 1; k <= coefficients.Length; k++)
        {
            var actual = coefficients[k - 1];
            if (amplitudes.TryGetValue(k, out var a))
            {
                var expected = a * Math.Pow(factor(k), sweeps);
                Assert.True(Math.Abs(expected) > 1e-4, "choose modes that are still visible");
                Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected), $"k = {k}: {actual:R} vs {expected:R}");
            }
            else
            {
                Assert.True(Math.Abs(actual) < 1e-13, $"k = {k}: {actual:E3} should be 0");
            }
        }
    }

    [Fact]
    public void JacobiMultipliesEachSineModeOfTheErrorByCosKPiOverN()
    {
        const int n = 32;
        const int sweeps = 25;
        var (grid, rhs, solution) = Problem(1, n, seed: 1);
        var amplitudes = new Dictionary<int, double> { [1] = 0.8, [2] = -1.1, [5] = 0.6, [27] = 1.3, [30] = -0.4, [31] = 0.9 };
        var jacobi = new Relaxation(grid, rhs, RelaxationKind.Jacobi, 1.0, Perturbed(grid, solution, amplitudes));

        jacobi.Run(sweeps);

        Assert.Equal(sweeps, jacobi.Iterations);
        var c = SineTransform.Forward(SolverReference.Subtract(jacobi.Current, solution));
        AssertModes(c, amplitudes, k => Math.Cos(k * Math.PI / n), sweeps);
        // The highest modes flip sign every sweep: cos(31π/32) < 0 and 25 is odd.
        Assert.True(c[30] < 0);
    }

    [Fact]
    public void DampedJacobiFollowsItsOwnAmplificationFactor()
    {
        const int n = 32;
        const int sweeps = 10;
        const double omega = 2.0 / 3.0;
        var (grid, rhs, solution) = Problem(1, n, seed: 2);
        var amplitudes = new Dictionary<int, double> { [1] = 1.0, [3] = -0.7, [8] = 0.5, [12] = 1.5 };
        var damped = new Relaxation(grid, rhs, RelaxationKind.DampedJacobi, omega, Perturbed(grid, solution, amplitudes));

        damped.Run(sweeps);

        var c = SineTransform.Forward(SolverReference.Subtract(damped.Current, solution));
        AssertModes(c, amplitudes, k => 1 - (omega * (1 - Math.Cos(k * Math.PI / n))), sweeps);
        Assert.Equal(1 - (omega * (1 - Math.Cos(12 * Math.PI / n))), Relaxation.AmplificationFactor(grid, RelaxationKind.DampedJacobi, omega, 12), 1e-15);
        Assert.Equal(Math.Cos(12 * Math.PI / n), Relaxation.AmplificationFactor(grid, RelaxationKind.Jacobi, 0.123, 12), 1e-15);
    }

    [Fact]
    public void TwoDimensionalJacobiMultipliesModeKLByTheMeanOfTheCosines()
    {
        const int n = 16;
        const int sweeps = 12;
        var (grid, rhs, solution) = Problem(2, n, seed: 3);
        var m = grid.PointsPerAxis;
        var modes = new Dictionary<(int K, int L), double> { [(1, 1)] = 1.0, [(1, 3)] = -0.5, [(15, 15)] = 0.75, [(3, 5)] = 2.0, [(13, 15)] = 0.3, [(2, 2)] = -1.2 };
        var initial = (double[])solution.Clone();
        foreach (var ((k, l), a) in modes)
        {
            var mode = SolverReference.Mode(grid, k, l);
            for (var p = 0; p < initial.Length; p++) initial[p] += a * mode[p];
        }

        var jacobi = new Relaxation(grid, rhs, RelaxationKind.Jacobi, 1.0, initial);
        jacobi.Run(sweeps);

        var c = SineTransform.Forward2D(SolverReference.Subtract(jacobi.Current, solution), m);
        for (var k = 1; k <= m; k++)
        {
            for (var l = 1; l <= m; l++)
            {
                var actual = c[((k - 1) * m) + l - 1];
                if (modes.TryGetValue((k, l), out var a))
                {
                    var factor = (Math.Cos(k * Math.PI / n) + Math.Cos(l * Math.PI / n)) / 2;
                    Assert.Equal(factor, Relaxation.AmplificationFactor(grid, RelaxationKind.Jacobi, 1.0, k, l), 1e-15);
                    var expected = a * Math.Pow(factor, sweeps);
                    Assert.True(Math.Abs(expected) > 1e-4);
                    Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected), $"({k}, {l}): {actual:R} vs {expected:R}");
                }
                else
                {
                    Assert.True(Math.Abs(actual) < 1e-13, $"({k}, {l}): {actual:E3}");
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 20)]
    public void GaussSeidelConvergesToTheDiscreteSolution(int dimension, int n)
    {
        var (grid, rhs, solution) = Problem(dimension, n, seed: 4);
        var start = new double[grid.Unknowns];
        var gaussSeidel = new Relaxation(grid, rhs, RelaxationKind.GaussSeidel, double.NaN, start);

        var sweeps = gaussSeidel.RunUntil(solution, 1e-12 * SolverReference.MaxAbs(solution), 100_000);

        Assert.InRange(sweeps, 1, 99_999);
        Assert.True(SolverReference.MaxAbsDifference(gaussSeidel.Current.ToArray(), solution) < 1e-12 * SolverReference.MaxAbs(solution));
        Assert.Equal(1.0, gaussSeidel.Omega);
    }

    [Fact]
    public void GaussSeidelReducesTheSlowestErrorByCosSquaredPiOverNPerSweepTwiceJacobisRate()
    {
        // With g = 0, u_h = 0 and the iterate is the error; its 2-norm ratio per sweep tends to the spectral radius.
        const int n = 32;
        var grid = new PoissonGrid(1, Min, Max, n);
        var rhs = new double[grid.Unknowns];
        var start = SolverReference.RandomVector(grid.Unknowns, seed: 5);

        var gsRate = AsymptoticRate(new Relaxation(grid, rhs, RelaxationKind.GaussSeidel, 1.0, start), 1500);
        var jacobiRate = AsymptoticRate(new Relaxation(grid, rhs, RelaxationKind.Jacobi, 1.0, start), 3000);

        var cos = Math.Cos(Math.PI / n);
        Assert.Equal(cos * cos, gsRate, 1e-10);
        Assert.Equal(cos, jacobiRate, 1e-10);
        Assert.Equal(2.0, Math.Log(gsRate) / Math.Log(jacobiRate), 1e-7);
    }

    private static double AsymptoticRate(Relaxation solver, int sweeps)
    {
        solver.Run(sweeps);
        var before = Norm(solver.Current);
        solver.Run(1);
        return Norm(solver.Current) / before;

        static double Norm(ReadOnlySpan<double> v)
        {
            var s = 0.0;
            foreach (var x in v) s += x * x;
            return Math.Sqrt(s);
        }
    }

    [Theory]
    [InlineData(RelaxationKind.Jacobi, 1)]
    [InlineData(RelaxationKind.DampedJacobi, 1)]
    [InlineData(RelaxationKind.GaussSeidel, 1)]
    [InlineData(RelaxationKind.Jacobi, 2)]
    [InlineData(RelaxationKind.DampedJacobi, 2)]
    [InlineData(RelaxationKind.GaussSeidel, 2)]
    public void MaxNormErrorNeverIncreases(RelaxationKind kind, int dimension)
    {
        var (grid, rhs, solution) = Problem(dimension, dimension == 1 ? 50 : 17, seed: 6);
        var solver = new Relaxation(grid, rhs, kind, 0.6, SolverReference.RandomVector(grid.Unknowns, seed: 7));

        var previous = Relaxation.MaxAbsDifference(solver.Current, solution);
        for (var t = 0; t < 300; t++)
        {
            solver.Run(1);
            var error = Relaxation.MaxAbsDifference(solver.Current, solution);
            Assert.True(error <= previous + 1e-12, $"sweep {t + 1}: {error:R} > {previous:R}");
            previous = error;
        }
    }

    public static readonly TheoryData<RelaxationKind, int, int> RunUntilCases = new()
    {
        { RelaxationKind.Jacobi, 1, 1 },
        { RelaxationKind.Jacobi, 1, 7 },
        { RelaxationKind.Jacobi, 1, 64 },
        { RelaxationKind.DampedJacobi, 1, 3 },
        { RelaxationKind.DampedJacobi, 1, 100_000 },
        { RelaxationKind.GaussSeidel, 1, 2 },
        { RelaxationKind.GaussSeidel, 1, 64 },
        { RelaxationKind.Jacobi, 2, 5 },
        { RelaxationKind.DampedJacobi, 2, 64 },
        { RelaxationKind.GaussSeidel, 2, 13 },
    };

    [Theory]
    [MemberData(nameof(RunUntilCases))]
    public void RunUntilStopsAtTheSameSweepAsCheckingEverySweep(RelaxationKind kind, int dimension, int checkEvery)
    {
        var (grid, rhs, solution) = Problem(dimension, dimension == 1 ? 24 : 12, seed: 8);
        var start = SolverReference.RandomVector(grid.Unknowns, seed: 9);
        const double tolerance = 1e-6;

        var reference = new Relaxation(grid, rhs, kind, 2.0 / 3.0, start);
        long expected = 0;
        while (Relaxation.MaxAbsDifference(reference.Current, solution) >= tolerance)
        {
            reference.Run(1);
            expected++;
        }

        var solver = new Relaxation(grid, rhs, kind, 2.0 / 3.0, start);
        var sweeps = solver.RunUntil(solution, tolerance, 1_000_000, checkEvery);

        Assert.True(expected > 100, "the test should need many sweeps");
        Assert.Equal(expected, sweeps);
        Assert.Equal(expected, solver.Iterations);
        Assert.Equal(reference.Current.ToArray(), solver.Current.ToArray());

        // Already there: no sweep.
        Assert.Equal(0, solver.RunUntil(solution, tolerance, 1_000, checkEvery));
        Assert.Equal(expected, solver.Iterations);
    }

    [Fact]
    public void RunUntilCountsOnlyTheSweepsOfThisCall()
    {
        var (grid, rhs, solution) = Problem(1, 20, seed: 10);
        var start = SolverReference.RandomVector(grid.Unknowns, seed: 11);
        var reference = new Relaxation(grid, rhs, RelaxationKind.Jacobi, 1, start);
        var total = reference.RunUntil(solution, 1e-8, 1_000_000, checkEvery: 1);

        var solver = new Relaxation(grid, rhs, RelaxationKind.Jacobi, 1, start);
        solver.Run(100);
        var rest = solver.RunUntil(solution, 1e-8, 1_000_000, checkEvery: 33);

        Assert.Equal(total - 100, rest);
        Assert.Equal(total, solver.Iterations);
        Assert.Equal(reference.Current.ToArray(), solver.Current.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(1000)]
    public void RunUntilReturnsMaxSweepsWithTheIterateAfterThemWhenNotReached(int checkEvery)
    {
        var (grid, rhs, solution) = Problem(2, 10, seed: 12);
        var start = new double[grid.Unknowns];
        var reference = new Relaxation(grid, rhs, RelaxationKind.GaussSeidel, 1, start);
        reference.Run(150);

        var solver = new Relaxation(grid, rhs, RelaxationKind.GaussSeidel, 1, start);
        var sweeps = solver.RunUntil(solution, 1e-300, 150, checkEvery);

        Assert.Equal(150, sweeps);
        Assert.Equal(150, solver.Iterations);
        Assert.Equal(reference.Current.ToArray(), solver.Current.ToArray());
        Assert.Equal(0, solver.RunUntil(solution, 1e-300, 0, checkEvery));
    }

    [Fact]
    public void MaxAbsDifferenceIsTheMaxNormOfTheDifference()
    {
        var a = SolverReference.RandomVector(23, 13);
        var b = SolverReference.RandomVector(23, 14);

        Assert.Equal(a.Zip(b, (x, y) => Math.Abs(x - y)).Max(), Relaxation.MaxAbsDifference(a, b));
        Assert.Equal(0.0, Relaxation.MaxAbsDifference([], []));
        Assert.Equal(5.0, Relaxation.MaxAbsDifference([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 5, 6, 7, 8, 4]));
        Assert.True(double.IsNaN(Relaxation.MaxAbsDifference([1, double.NaN, 3, 4, 5], [0, 0, 0, 0, 0])));
        Assert.Throws<ArgumentException>(() => Relaxation.MaxAbsDifference([1, 2], [1]));
    }

    [Fact]
    public void GaussSeidelHasNoAmplificationFactor()
    {
        Assert.Throws<NotSupportedException>(() => Relaxation.AmplificationFactor(new PoissonGrid(1, 0, 1, 8), RelaxationKind.GaussSeidel, 1, 3));
        Assert.Throws<NotSupportedException>(() => Relaxation.AmplificationFactor(new PoissonGrid(2, 0, 1, 8), RelaxationKind.GaussSeidel, 1, 3, 3));
    }

    [Theory]
    [InlineData(0.0, "got 0")]
    [InlineData(-0.5, "got -0.5")]
    [InlineData(1.5, "got 1.5")]
    [InlineData(double.NaN, "got NaN")]
    public void DampedJacobiRejectsOmegaOutsideZeroOne(double omega, string fragment)
    {
        var grid = new PoissonGrid(1, 0, 1, 8);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Relaxation(grid, new double[7], RelaxationKind.DampedJacobi, omega, new double[7]));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal("omega", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Relaxation.AmplificationFactor(grid, RelaxationKind.DampedJacobi, omega, 1));
    }

    [Fact]
    public void InvalidRelaxationArgumentsAreRejected()
    {
        var grid = new PoissonGrid(2, 0, 1, 5);
        var ok = new double[16];
        var lengthError = Assert.Throws<ArgumentException>(() => new Relaxation(grid, new double[15], RelaxationKind.Jacobi, 1, ok));
        Assert.Contains("length 15", lengthError.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Relaxation(grid, ok, RelaxationKind.Jacobi, 1, new double[4]));
        var kindError = Assert.Throws<ArgumentOutOfRangeException>(() => new Relaxation(grid, ok, (RelaxationKind)7, 1, ok));
        Assert.Contains("7", kindError.Message, StringComparison.Ordinal);

        var solver = new Relaxation(grid, ok, RelaxationKind.Jacobi, 1, ok);
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.Run(-1));
        var toleranceError = Assert.Throws<ArgumentOutOfRangeException>(() => solver.RunUntil(ok, 0, 10));
        Assert.Contains("got 0", toleranceError.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.RunUntil(ok, double.NaN, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.RunUntil(ok, 1e-3, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.RunUntil(ok, 1e-3, 10, checkEvery: 0));
        Assert.Throws<ArgumentException>(() => solver.RunUntil(new double[3], 1e-3, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Relaxation.AmplificationFactor(grid, RelaxationKind.Jacobi, 1, 5, 1));
        Assert.Throws<InvalidOperationException>(() => Relaxation.AmplificationFactor(grid, RelaxationKind.Jacobi, 1, 2));
    }

    [Fact]
    public void TheIterateIsCopiedFromTheInputs()
    {
        var grid = new PoissonGrid(1, 0, 1, 4);
        var rhs = new[] { 1.0, 2.0, 3.0 };
        var start = new[] { 0.5, 0.25, 0.125 };
        var solver = new Relaxation(grid, rhs, RelaxationKind.Jacobi, 1, start);
        rhs[0] = 100;
        start[0] = 100;

        Assert.Equal([0.5, 0.25, 0.125], solver.Current.ToArray());
        solver.Run(1);
        // h = 1/4: u_1 = (h²g_1 + 0 + u_2)/2 = (1/16 + 0.25)/2.
        Assert.Equal((1.0 / 16 + 0.25) / 2, solver.Current[0]);
        Assert.Equal((2.0 / 16 + 0.5 + 0.125) / 2, solver.Current[1]);
        Assert.Equal((3.0 / 16 + 0.25) / 2, solver.Current[2]);
    }
}
