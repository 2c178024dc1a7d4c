using FreqScope.Solvers;

namespace FreqScope.Tests.Solvers;

public sealed class PoissonGridTests
{
    [Fact]
    public void OneDimensionalGridHasInteriorNodesMinPlusIH()
    {
        var grid = new PoissonGrid(1, -1.0, 2.0, 6);

        Assert.Equal(3.0, grid.Length);
        Assert.Equal(0.5, grid.Spacing);
        Assert.Equal(5, grid.PointsPerAxis);
        Assert.Equal(5, grid.Unknowns);
        Assert.Equal([-0.5, 0.0, 0.5, 1.0, 1.5], grid.AxisNodes());
        Assert.Equal([0.25, 0.0, 0.25, 1.0, 2.25], grid.Sample(x => x * x));
    }

    [Fact]
    public void TwoDimensionalNodesAreRowMajorWithYFastest()
    {
        var grid = new PoissonGrid(2, 0.0, 1.0, 4); // interior nodes 0.25, 0.5, 0.75

        var (x, y) = grid.Nodes2D();

        Assert.Equal(9, grid.Unknowns);
        Assert.Equal([0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75], x);
        Assert.Equal([0.25, 0.5, 0.75, 0.25, 0.5, 0.75, 0.25, 0.5, 0.75], y);
        // (x_i, y_j) at (i − 1)(n − 1) + (j − 1): (x_3, y_2) = (0.75, 0.5) at 7.
        Assert.Equal(7, grid.Index(3, 2));
        Assert.Equal(0.75 + (10 * 0.5), grid.Sample((a, b) => a + (10 * b))[7]);
    }

    [Fact]
    public void RecordEqualityComparesTheFourParameters()
    {
        Assert.Equal(new PoissonGrid(2, 0, 1, 8), new PoissonGrid(2, 0, 1, 8));
        Assert.NotEqual(new PoissonGrid(2, 0, 1, 8), new PoissonGrid(2, 0, 1, 9));
    }

    [Theory]
    [InlineData(0, 0.0, 1.0, 4, "got 0")]
    [InlineData(3, 0.0, 1.0, 4, "got 3")]
    [InlineData(1, 0.0, 1.0, 1, "got 1")]
    [InlineData(1, 0.0, 1.0, -5, "got -5")]
    [InlineData(1, 1.0, 1.0, 4, "Max (1) must be greater than Min (1)")]
    [InlineData(2, 2.0, -1.0, 4, "Max (-1) must be greater than Min (2)")]
    [InlineData(1, double.NaN, 1.0, 4, "Min must be finite, got NaN")]
    [InlineData(1, 0.0, double.PositiveInfinity, 4, "Max must be finite, got Infinity")]
    [InlineData(1, -1e308, 1e308, 4, "finite length")]
    public void InvalidArgumentsAreRejectedNamingTheValue(int dimension, double min, double max, int intervals, string fragment)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new PoissonGrid(dimension, min, max, intervals));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DimensionSpecificMembersRefuseTheOtherDimension()
    {
        Assert.Throws<InvalidOperationException>(() => new PoissonGrid(1, 0, 1, 4).Nodes2D());
        Assert.Throws<InvalidOperationException>(() => new PoissonGrid(2, 0, 1, 4).Sample(x => x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonGrid(2, 0, 1, 4).Index(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonGrid(2, 0, 1, 4).Index(1, 4));
    }
}
