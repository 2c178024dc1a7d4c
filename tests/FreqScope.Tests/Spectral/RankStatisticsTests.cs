using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class RankStatisticsTests
{
    [Fact]
    public void RanksAreOneBasedWithAverageRanksForTies()
    {
        Assert.Equal([1.0, 2.5, 2.5, 4.0], RankStatistics.Ranks([10, 20, 20, 30]));
        Assert.Equal([3.0, 1.0, 3.0, 3.0, 5.0], RankStatistics.Ranks([7, -1, 7, 7, double.PositiveInfinity]));
        Assert.Empty(RankStatistics.Ranks([]));
    }

    [Fact]
    public void SpearmanWithoutTiesMatchesTheDSquaredFormula()
    {
        double[] a = [1, 2, 3, 4, 5];
        double[] b = [2, 1, 4, 3, 5];

        // ρ = 1 − 6 Σd² / (n(n² − 1)) = 1 − 6·4 / 120 = 0.8
        Assert.Equal(0.8, RankStatistics.Spearman(a, b), 1e-14);
        Assert.Equal(1.0, RankStatistics.Spearman(a, [10, 20, 300, 4000, 50000]), 1e-14);
        Assert.Equal(-1.0, RankStatistics.Spearman(a, [5, 4, 3, 2, 1]), 1e-14);
    }

    [Fact]
    public void SpearmanWithTiesIsPearsonOfAverageRanks()
    {
        // ranks a = [1,2,3,4], ranks b = [1, 2.5, 2.5, 4]; deviations from 2.5: [−1.5,−.5,.5,1.5] and [−1.5,0,0,1.5]
        // Σab = 4.5, Σaa = 5, Σbb = 4.5 → ρ = 4.5 / √22.5 = 3/√10.
        Assert.Equal(3 / Math.Sqrt(10), RankStatistics.Spearman([1, 2, 3, 4], [10, 20, 20, 30]), 1e-14);
    }

    [Fact]
    public void SpearmanIsNaNWhenUndefined()
    {
        Assert.True(double.IsNaN(RankStatistics.Spearman([1.0], [2.0])));
        Assert.True(double.IsNaN(RankStatistics.Spearman([], [])));
        Assert.True(double.IsNaN(RankStatistics.Spearman([1, 2, 3], [4, 4, 4])));
    }

    [Fact]
    public void InvalidInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => RankStatistics.Spearman([1, 2], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => RankStatistics.Ranks([1, double.NaN]));
    }
}
