using FreqScope.Experiments;
using FreqScope.Experiments.Ntk;

namespace FreqScope.Tests.Experiments;

public sealed class NtkHelpersTests
{
    [Theory]
    [InlineData(64, 0)]
    [InlineData(64, 3)]
    [InlineData(64, 32)]
    [InlineData(50, 7)]
    public void DominantIndexFindsTheFrequencyOfACosine(int n, int k)
    {
        var v = Enumerable.Range(0, n).Select(i => Math.Cos((2 * Math.PI * k * i / n) + 0.3) + (k == 0 ? 1 : 0.1)).ToArray();
        Assert.Equal(k, NtkExperiment.DominantIndex(v));
    }

    [Fact]
    public void RelativeFrobeniusIsTheNormOfTheChangeOverTheNormOfTheReference()
    {
        var a = new double[,] { { 3, 0 }, { 0, 4 } };
        var b = new double[,] { { 3, 1 }, { 0, 4 } };
        Assert.Equal(1.0 / 5, NtkExperiment.RelativeFrobenius(a, b), 15);
        Assert.Equal(0, NtkExperiment.RelativeFrobenius(a, a));
        Assert.Throws<ArgumentException>(() => NtkExperiment.RelativeFrobenius(a, new double[2, 3]));
    }
}
