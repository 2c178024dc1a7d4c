using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class ConvergenceTests
{
    private static readonly long[] Steps = [0, 100, 200, 300, 400, 500];

    [Fact]
    public void MonotoneDecreaseConvergesAndStaysConverged()
    {
        var result = Convergence.Analyze(Steps, [1.0, 0.5, 0.09, 0.05, 0.01, 0.001], 0.1);

        Assert.Equal(new PeakConvergence(200, 200), result);
    }

    [Fact]
    public void AdamSpikeAboveEpsilonDelaysStabilityButNotFirstConvergence()
    {
        var result = Convergence.Analyze(Steps, [1.0, 0.05, 0.5, 0.08, 0.2, 0.03], 0.1);

        Assert.Equal(100L, result.ConvergedAtStep);
        Assert.Equal(500L, result.StableFromStep);
    }

    [Fact]
    public void NeverConvergingGivesNulls()
    {
        var result = Convergence.Analyze(Steps, [1.0, 0.9, 0.5, 0.2, 0.1, 0.1], 0.1); // strict: 0.1 is not < 0.1

        Assert.Equal(new PeakConvergence(null, null), result);
    }

    [Fact]
    public void ConvergedThenEndingAboveEpsilonIsNotStable()
    {
        var result = Convergence.Analyze(Steps, [1.0, 0.01, 0.01, 0.01, 0.01, 0.3], 0.1);

        Assert.Equal(new PeakConvergence(100, null), result);
    }

    [Fact]
    public void NaNCountsAsNotConverged()
    {
        var result = Convergence.Analyze(Steps, [double.NaN, 0.05, double.NaN, 0.05, 0.05, 0.05], 0.1);

        Assert.Equal(new PeakConvergence(100, 300), result);
        Assert.Equal(new PeakConvergence(null, null), Convergence.Analyze([10, 20], [double.NaN, double.NaN], 0.1));
    }

    [Fact]
    public void EmptyHistoryGivesNulls()
    {
        Assert.Equal(new PeakConvergence(null, null), Convergence.Analyze([], [], 0.1));
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Convergence.Analyze([0, 100, 100], [1, 1, 1], 0.1));
        Assert.Throws<ArgumentException>(() => Convergence.Analyze([0, 200, 100], [1, 1, 1], 0.1));
        Assert.Throws<ArgumentException>(() => Convergence.Analyze([0, 100], [1.0], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Convergence.Analyze([0], [1.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Convergence.Analyze([0], [1.0], double.NaN));
    }
}
