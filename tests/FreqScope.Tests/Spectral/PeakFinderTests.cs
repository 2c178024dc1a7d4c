using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class PeakFinderTests
{
    [Fact]
    public void FindsStrictInteriorLocalMaximaInIncreasingOrder()
    {
        double[] m = [0, 3, 1, 2, 5, 2, 0.5, 4, 1];

        Assert.Equal([1, 4, 7], PeakFinder.FindPeaks(m));
    }

    [Fact]
    public void EndpointsAreNeverPeaks()
    {
        double[] m = [9, 1, 2, 1, 9];

        Assert.Equal([2], PeakFinder.FindPeaks(m));
        Assert.Empty(PeakFinder.FindPeaks([5, 1]));
        Assert.Empty(PeakFinder.FindPeaks([5]));
        Assert.Empty(PeakFinder.FindPeaks([]));
    }

    [Fact]
    public void PlateausAreNotPeaks()
    {
        double[] m = [0, 2, 2, 0, 1, 3, 3, 3, 1, 0, 4, 1];

        Assert.Equal([10], PeakFinder.FindPeaks(m));
    }

    [Fact]
    public void MinRelativeHeightDropsSmallPeaks()
    {
        // max is 10 (at an endpoint, which still counts for the maximum).
        double[] m = [10, 0, 2, 0, 5, 0, 4.99, 0, 8, 0];

        Assert.Equal([2, 4, 6, 8], PeakFinder.FindPeaks(m, 0));
        Assert.Equal([4, 8], PeakFinder.FindPeaks(m, 0.5));
        Assert.Equal([8], PeakFinder.FindPeaks(m, 0.8));
        Assert.Empty(PeakFinder.FindPeaks(m, 1));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void InvalidMinRelativeHeightIsRejected(double minRelativeHeight)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PeakFinder.FindPeaks([0, 1, 0], minRelativeHeight));

        Assert.Equal("minRelativeHeight", ex.ParamName);
    }
}
