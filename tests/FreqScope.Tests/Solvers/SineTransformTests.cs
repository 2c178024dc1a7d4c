using FreqScope.Solvers;

namespace FreqScope.Tests.Solvers;

public sealed class SineTransformTests
{
    // m = n − 1 interior points; n = 8, 16, 64 make 2n a power of two, the others use Bluestein.
    public static readonly TheoryData<int> Lengths = new(1, 2, 7, 15, 63, 100, 127, 300);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ForwardAndInverseMatchTheDirectSums(int m)
    {
        var v = SolverReference.RandomVector(m, seed: m);

        var c = SineTransform.Forward(v);
        var back = SineTransform.Inverse(v);

        Assert.True(SolverReference.MaxAbsDifference(c, SolverReference.NaiveDst(v)) < 1e-13, $"forward, m = {m}");
        Assert.True(SolverReference.MaxAbsDifference(back, SolverReference.NaiveInverseDst(v)) < 1e-12 * (m + 1), $"inverse, m = {m}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(15)]
    public void TwoDimensionalForwardMatchesTheDirectSum(int m)
    {
        var v = SolverReference.RandomVector(m * m, seed: 100 + m);

        var c = SineTransform.Forward2D(v, m);

        Assert.True(SolverReference.MaxAbsDifference(c, SolverReference.NaiveDst2D(v, m)) < 1e-13, $"m = {m}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void InverseUndoesForwardAndParsevalHolds(int m)
    {
        var n = m + 1;
        var v = SolverReference.RandomVector(m, seed: 7 * m);

        var c = SineTransform.Forward(v);

        Assert.True(SolverReference.MaxAbsDifference(SineTransform.Inverse(c), v) < 1e-13, $"m = {m}");
        var energy = v.Sum(x => x * x);
        Assert.Equal(energy, n / 2.0 * c.Sum(x => x * x), energy * 1e-13);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(31)]
    [InlineData(40)]
    public void TwoDimensionalInverseUndoesForwardAndParsevalHolds(int m)
    {
        var n = m + 1;
        var v = SolverReference.RandomVector(m * m, seed: 11 * m);

        var c = SineTransform.Forward2D(v, m);

        Assert.True(SolverReference.MaxAbsDifference(SineTransform.Inverse2D(c, m), v) < 1e-13, $"m = {m}");
        var energy = v.Sum(x => x * x);
        Assert.Equal(energy, n * n / 4.0 * c.Sum(x => x * x), energy * 1e-13);
    }

    [Theory]
    [InlineData(32, 5)]
    [InlineData(50, 49)]
    public void PureSineModeHasOneCoefficient(int n, int k)
    {
        var grid = new PoissonGrid(1, -1.0, 2.0, n);
        // 3·sin(kπ(x − Min)/L) sampled at x_i = Min + iL/n is 3·sin(kπ i/n).
        var v = grid.Sample(x => 3 * Math.Sin(k * Math.PI * (x + 1.0) / 3.0));

        var c = SineTransform.Forward(v);

        for (var j = 1; j <= c.Length; j++)
        {
            Assert.Equal(j == k ? 3.0 : 0.0, c[j - 1], 1e-13);
        }
    }

    [Fact]
    public void PureTwoDimensionalModeHasOneCoefficientAtKTimesMPlusL()
    {
        var grid = new PoissonGrid(2, 0.0, 1.0, 12);
        var m = grid.PointsPerAxis;
        var v = grid.Sample((x, y) => -2 * Math.Sin(4 * Math.PI * x) * Math.Sin(9 * Math.PI * y));

        var c = SineTransform.Forward2D(v, m);

        for (var k = 1; k <= m; k++)
        {
            for (var l = 1; l <= m; l++)
            {
                Assert.Equal(k == 4 && l == 9 ? -2.0 : 0.0, c[((k - 1) * m) + l - 1], 1e-13);
            }
        }
    }

    [Fact]
    public void FrequencyIsKOverTwoLCyclesPerUnit()
    {
        var grid = new PoissonGrid(1, -1.0, 2.0, 40);

        // sin(6π(x + 1)/3) = sin(2π x + 2π): 1 cycle per unit.
        Assert.Equal(1.0, SineTransform.Frequency(grid, 6), 1e-15);
        Assert.Equal(1.0 / 6.0, SineTransform.Frequency(grid, 1), 1e-15);
        Assert.Equal(0.0, SineTransform.Frequency(grid, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SineTransform.Frequency(grid, -1));
    }

    [Fact]
    public void InvalidLengthsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => SineTransform.Forward(ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => SineTransform.Inverse(ReadOnlySpan<double>.Empty));
        var error = Assert.Throws<ArgumentException>(() => SineTransform.Forward2D(new double[10], 3));
        Assert.Contains("got 10", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SineTransform.Inverse2D(new double[1], 0));
    }
}
