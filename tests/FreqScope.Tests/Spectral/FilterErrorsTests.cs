using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class FilterErrorsTests
{
    [Fact]
    public void ErrorsByHand()
    {
        // y^high = (0, 1, 2, 3); h^high = (0, 1, 2, 1); y^low − h^low = (0, 0, 0, −1).
        float[] y = [1, 2, 3, 4], yLow = [1, 1, 1, 1];
        float[] h = [1, 2, 3, 3], hLow = [1, 1, 1, 2];

        var (low, high) = FilterErrors.Compute(yLow, y, hLow, h);

        Assert.Equal(0.5, low, 1e-15);                   // 1 / ‖(1, 1, 1, 1)‖
        Assert.Equal(2 / Math.Sqrt(14), high, 1e-15);    // ‖(0, 0, 0, 2)‖ / ‖(0, 1, 2, 3)‖
        Assert.Equal(4.0 / 30.0, FilterErrors.LowFrequencyRatio(yLow, y), 1e-15);
    }

    [Fact]
    public void NetworkEqualToTargetHasNoError()
    {
        var random = new Random(4);
        var y = Enumerable.Range(0, 500).Select(_ => (float)random.NextDouble()).ToArray();
        var yLow = y.Select(v => 0.5f * v).ToArray();

        Assert.Equal((0.0, 0.0), FilterErrors.Compute(yLow, y, yLow, y));
    }

    [Fact]
    public void ZeroHighPartGivesInfinityOrZeroAndLengthsMustMatch()
    {
        float[] y = [1, 2];
        Assert.Equal(double.PositiveInfinity, FilterErrors.Compute(y, y, y, [1, 3]).HighError);
        Assert.Equal(0.0, FilterErrors.Compute(y, y, y, y).HighError);
        Assert.Throws<ArgumentException>(() => FilterErrors.Compute(y, y, y, [1]));
        Assert.Throws<ArgumentException>(() => FilterErrors.LowFrequencyRatio(y, [1, 2, 3]));
    }
}
