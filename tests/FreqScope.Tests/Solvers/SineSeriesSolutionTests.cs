using FreqScope.Solvers;

namespace FreqScope.Tests.Solvers;

public sealed class SineSeriesSolutionTests
{
    private static readonly SineTerm[] Terms1D = [new(1.0, 3.0, 0.2), new(0.5, 7.5, -1.0), new(-2.0, 1.0, 0.0)];

    private static readonly ModeTerm[] Terms2D = [new(1.0, 1, 1), new(0.5, 2, 5), new(-0.25, 7, 3)];

    /// <summary>Sixth-order central second difference (f(x−3d) … f(x+3d)); error O(d⁶).</summary>
    private static double SecondDerivative(Func<double, double> f, double x, double d) =>
        ((f(x - (3 * d)) + f(x + (3 * d))) / 90.0
         - (3.0 / 20.0 * (f(x - (2 * d)) + f(x + (2 * d))))
         + (1.5 * (f(x - d) + f(x + d)))
         - (49.0 / 18.0 * f(x))) / (d * d);

    [Fact]
    public void SourcesAreTheSumsOfTheirTerms()
    {
        var line = new PoissonGrid(1, -1.0, 2.0, 8);
        var square = new PoissonGrid(2, -1.0, 2.0, 8);
        const double x = 0.37;
        const double y = -0.61;

        var expected1D = Math.Sin((3.0 * x) + 0.2) + (0.5 * Math.Sin((7.5 * x) - 1.0)) - (2.0 * Math.Sin(x));
        Assert.Equal(expected1D, SineSeriesSolution.Source1D(Terms1D, x), 1e-15);
        Assert.Equal(0.0, SineSeriesSolution.Source1D([], x));

        double S(int k, double t) => Math.Sin(k * Math.PI * (t + 1.0) / 3.0);
        var expected2D = (S(1, x) * S(1, y)) + (0.5 * S(2, x) * S(5, y)) - (0.25 * S(7, x) * S(3, y));
        Assert.Equal(expected2D, SineSeriesSolution.Source2D(square, Terms2D, x, y), 1e-15);
        var exact2D = (S(1, x) * S(1, y) / 2) + (0.5 * S(2, x) * S(5, y) / 29) - (0.25 * S(7, x) * S(3, y) / 58);
        Assert.Equal(exact2D / Math.Pow(Math.PI / 3.0, 2), SineSeriesSolution.Exact2D(square, Terms2D, x, y), 1e-15);
        Assert.Throws<InvalidOperationException>(() => SineSeriesSolution.Exact1D(square, Terms1D, x));
        Assert.Throws<InvalidOperationException>(() => SineSeriesSolution.Source2D(line, Terms2D, x, y));
    }

    [Fact]
    public void Exact1DVanishesAtTheEndsAndSatisfiesMinusUSecondEqualsG()
    {
        var grid = new PoissonGrid(1, -1.0, 2.0, 8);
        double U(double t) => SineSeriesSolution.Exact1D(grid, Terms1D, t);

        Assert.Equal(0.0, U(grid.Min), 1e-15);
        Assert.Equal(0.0, U(grid.Max), 1e-15);

        var random = new Random(1);
        for (var trial = 0; trial < 50; trial++)
        {
            var x = grid.Min + 0.01 + (random.NextDouble() * (grid.Length - 0.02));
            var minusSecond = -SecondDerivative(U, x, 2e-3);
            Assert.Equal(SineSeriesSolution.Source1D(Terms1D, x), minusSecond, 1e-8);
        }
    }

    [Fact]
    public void Exact2DVanishesOnTheBoundaryAndSatisfiesMinusLaplacianEqualsG()
    {
        var grid = new PoissonGrid(2, -1.0, 2.0, 8);
        var random = new Random(2);
        for (var trial = 0; trial < 50; trial++)
        {
            var t = grid.Min + (random.NextDouble() * grid.Length);
            Assert.Equal(0.0, SineSeriesSolution.Exact2D(grid, Terms2D, grid.Min, t), 1e-15);
            Assert.Equal(0.0, SineSeriesSolution.Exact2D(grid, Terms2D, grid.Max, t), 1e-15);
            Assert.Equal(0.0, SineSeriesSolution.Exact2D(grid, Terms2D, t, grid.Min), 1e-15);
            Assert.Equal(0.0, SineSeriesSolution.Exact2D(grid, Terms2D, t, grid.Max), 1e-15);

            var x = grid.Min + (random.NextDouble() * grid.Length);
            var y = grid.Min + (random.NextDouble() * grid.Length);
            var uxx = SecondDerivative(s => SineSeriesSolution.Exact2D(grid, Terms2D, s, y), x, 2e-3);
            var uyy = SecondDerivative(s => SineSeriesSolution.Exact2D(grid, Terms2D, x, s), y, 2e-3);
            Assert.Equal(SineSeriesSolution.Source2D(grid, Terms2D, x, y), -(uxx + uyy), 1e-8);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void SineTermNeedsAPositiveFiniteFrequency(double frequency)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SineTerm(1, frequency, 0));

        Assert.Equal("Frequency", error.ParamName);
        Assert.Contains("radians per unit length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TermsRejectNonFiniteAmplitudesAndModeIndicesBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SineTerm(double.NaN, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SineTerm(1, 1, double.NegativeInfinity));
        Assert.Contains("got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new ModeTerm(1, 0, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("got -3", Assert.Throws<ArgumentOutOfRangeException>(() => new ModeTerm(1, 2, -3)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModeTerm(double.PositiveInfinity, 1, 1));
    }
}
