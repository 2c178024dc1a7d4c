using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class SpectralBiasIndexTests
{
    [Fact]
    public void StrictlyLowToHighIsPlusOne()
    {
        Assert.Equal(1.0, SpectralBiasIndex.Compute([1, 3, 5], [100, 400, 900])!.Value, 1e-14);
    }

    [Fact]
    public void HighToLowIsMinusOne()
    {
        Assert.Equal(-1.0, SpectralBiasIndex.Compute([1, 3, 5], [900, 400, 100])!.Value, 1e-14);
    }

    [Fact]
    public void NeverConvergedPeaksRankLastAndTied()
    {
        // Steps rank [1, 2.5, 2.5]; Pearson of deviations [−1, 0, 1] and [−1, .5, .5] is 1.5 / √(2 · 1.5) = √3/2.
        Assert.Equal(Math.Sqrt(3) / 2, SpectralBiasIndex.Compute([1, 3, 5], [100, null, null])!.Value, 1e-14);
        // The high peak never converging still reads as low-to-high.
        Assert.Equal(1.0, SpectralBiasIndex.Compute([1, 3, 5], [100, 200, null])!.Value, 1e-14);
        // A low peak that never converged ranks after a converged high one.
        Assert.Equal(-1.0, SpectralBiasIndex.Compute([1, 5], [null, long.MaxValue - 1])!.Value, 1e-14);
    }

    [Fact]
    public void UndefinedIndexIsNull()
    {
        Assert.Null(SpectralBiasIndex.Compute([1], [100]));
        Assert.Null(SpectralBiasIndex.Compute([], []));
        Assert.Null(SpectralBiasIndex.Compute([1, 3, 5], [null, null, null]));
        Assert.Null(SpectralBiasIndex.Compute([1, 3], [200, 200]));
        Assert.Throws<ArgumentException>(() => SpectralBiasIndex.Compute([1, 3], [200]));
    }

    [Fact]
    public void ConvergenceOrderSortsByStepThenNeverConvergedThenIndex()
    {
        Assert.Equal([3, 1, 5], SpectralBiasIndex.ConvergenceOrder([1, 3, 5], [400, 100, 900]));
        Assert.Equal([5, 1, 3, 7], SpectralBiasIndex.ConvergenceOrder([7, 5, 3, 1], [null, 100, 300, 300]));
        Assert.Equal([1, 9, 4, 6], SpectralBiasIndex.ConvergenceOrder([9, 6, 4, 1], [200, null, null, 200]));
        Assert.Throws<ArgumentException>(() => SpectralBiasIndex.ConvergenceOrder([1, 2], [1]));
    }

    [Fact]
    public void VerdictWhenAllConverged()
    {
        int[] peaks = [1, 3, 5];
        long?[] steps = [100, 400, 900];
        var order = SpectralBiasIndex.ConvergenceOrder(peaks, steps);
        var index = SpectralBiasIndex.Compute([1, 3, 5], steps);

        Assert.Equal(
            "Frequencies converged in the order 1, 3, 5 (spectral-bias index +1.00).",
            SpectralBiasIndex.Verdict(order, index, steps, peaks));
    }

    [Fact]
    public void VerdictWhenSomeNeverConverged()
    {
        int[] peaks = [1, 3, 5];
        long?[] steps = [100, 400, null];
        var order = SpectralBiasIndex.ConvergenceOrder(peaks, steps);
        var index = SpectralBiasIndex.Compute([1, 3, 5], steps);

        Assert.Equal(
            "Frequencies 1, 3 converged in that order; 5 did not converge (spectral-bias index +1.00).",
            SpectralBiasIndex.Verdict(order, index, steps, peaks));
    }

    [Fact]
    public void VerdictWithNegativeIndexAndOneConvergedPeak()
    {
        int[] peaks = [1, 3, 5];
        long?[] steps = [null, null, 700];
        var order = SpectralBiasIndex.ConvergenceOrder(peaks, steps);
        var index = SpectralBiasIndex.Compute([1, 3, 5], steps);

        Assert.Equal(-Math.Sqrt(3) / 2, index!.Value, 1e-14);
        Assert.Equal(
            "Frequency 5 converged; 1, 3 did not converge (spectral-bias index -0.87).",
            SpectralBiasIndex.Verdict(order, index, steps, peaks));
    }

    [Fact]
    public void VerdictWhenNoneConverged()
    {
        int[] peaks = [1, 3, 5];
        long?[] steps = [null, null, null];

        Assert.Equal(
            "No frequency peak converged below ε during the run.",
            SpectralBiasIndex.Verdict(SpectralBiasIndex.ConvergenceOrder(peaks, steps), null, steps, peaks));
    }

    [Fact]
    public void VerdictWithUndefinedIndex()
    {
        int[] peaks = [3];
        long?[] steps = [250];

        Assert.Equal(
            "Frequency 3 converged (spectral-bias index undefined).",
            SpectralBiasIndex.Verdict([3], SpectralBiasIndex.Compute([3], steps), steps, peaks));
        Assert.Equal(
            "Frequencies converged in the order 1, 3 (spectral-bias index undefined).",
            SpectralBiasIndex.Verdict([1, 3], null, [10, 20], [1, 3]));
    }

    [Fact]
    public void VerdictFormatsSmallNegativeIndexWithoutMinusZeroAndRejectsUnknownPeaks()
    {
        Assert.Equal(
            "Frequencies converged in the order 1, 3 (spectral-bias index +0.00).",
            SpectralBiasIndex.Verdict([1, 3], -0.001, [10, 20], [1, 3]));
        Assert.Throws<ArgumentException>(() => SpectralBiasIndex.Verdict([1, 4], 1.0, [10, 20], [1, 3]));
    }
}
