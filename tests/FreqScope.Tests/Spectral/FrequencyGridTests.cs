using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class FrequencyGridTests
{
    [Fact]
    public void DefaultMaximumIsOneOverThePopulationStandardDeviation()
    {
        var random = new Random(2);
        var t = Enumerable.Range(0, 1000).Select(_ => 5 + (3 * random.NextDouble())).ToArray();
        var mean = t.Average();
        var sigma = Math.Sqrt(t.Sum(v => (v - mean) * (v - mean)) / t.Length);

        var grid = FrequencyGrid.ForProjection(t, 11);

        Assert.Equal(11, grid.Length);
        Assert.Equal(0.0, grid[0]);
        Assert.Equal(1 / sigma, grid[^1], 1e-12);
        for (var j = 0; j < grid.Length; j++)
        {
            Assert.Equal(j / sigma / 10, grid[j], 1e-12);
        }
    }

    [Fact]
    public void GivenMaximumIsUsedExactly()
    {
        var grid = FrequencyGrid.ForProjection([1.0, 1.0], 4, 0.3);
        Assert.Equal([0.0, 0.1, 0.2, 0.3], grid, new Tolerance(1e-16));
        Assert.Equal(0.3, grid[^1]);
    }

    [Fact]
    public void RejectsTooFewPointsZeroSpreadAndBadMaximum()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrequencyGrid.ForProjection([0.0, 1.0], 1));
        var e = Assert.Throws<ArgumentException>(() => FrequencyGrid.ForProjection([2.0, 2.0, 2.0], 5));
        Assert.Contains("σ_t = 0", e.Message);
        Assert.Throws<ArgumentException>(() => FrequencyGrid.ForProjection([], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrequencyGrid.ForProjection([0.0, 1.0], 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrequencyGrid.ForProjection([0.0, 1.0], 5, double.PositiveInfinity));
    }
}
