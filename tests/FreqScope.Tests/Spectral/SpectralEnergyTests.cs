using FreqScope.Spectral;

namespace FreqScope.Tests.Spectral;

public sealed class SpectralEnergyTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(63)]
    public void TwoTonesSplitTheirEnergyByTheirSquaredAmplitudes(int n)
    {
        // sin at k = 3 (amplitude 1) and cos at k = 20 (amplitude 0.5), plus a constant that must not count.
        var x = Enumerable.Range(0, n).Select(j => 7 + Math.Sin(2 * Math.PI * 3 * j / n) + 0.5 * Math.Cos(2 * Math.PI * 20 * j / n)).ToArray();
        Assert.Equal(0.25 / 1.25, SpectralEnergy.FractionAbove(x, 10), 12);
        Assert.Equal(0.25 / 1.25, SpectralEnergy.FractionAbove(x, 3), 12);
        Assert.Equal(1, SpectralEnergy.FractionAbove(x, 2), 12);
        Assert.Equal(0, SpectralEnergy.FractionAbove(x, n / 2), 12);
    }

    [Fact]
    public void TheNyquistTermCountsOnceAsParsevalSays()
    {
        // (−1)^j has all its energy at k = n/2; with a unit tone at k = 1, Parseval gives mean squares 1 and 1/2.
        const int n = 16;
        var x = Enumerable.Range(0, n).Select(j => (j % 2 == 0 ? 1.0 : -1.0) + Math.Sin(2 * Math.PI * j / n)).ToArray();
        Assert.Equal(1 / 1.5, SpectralEnergy.FractionAbove(x, 1), 12);
    }

    [Fact]
    public void AConstantHasNoHighFrequencyEnergyAndBadInputIsRejected()
    {
        Assert.Equal(0, SpectralEnergy.FractionAbove([2.0, 2.0, 2.0, 2.0], 1));
        Assert.Throws<ArgumentException>(() => SpectralEnergy.FractionAbove([1.0], 0));
        Assert.Throws<ArgumentException>(() => SpectralEnergy.FractionAbove([1.0, 2.0, 3.0, 4.0], 3));
    }
}
