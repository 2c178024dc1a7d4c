using FreqScope.Data;
using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Data;

public sealed class SplitMix64Tests
{
    [Fact]
    public void MatchesTheReferenceSequence()
    {
        // Outputs of Vigna's splitmix64.c for seed 1234567.
        var rng = new SplitMix64(1234567);
        Assert.Equal(6457827717110365317UL, rng.NextUInt64());
        Assert.Equal(3203168211198807973UL, rng.NextUInt64());
        Assert.Equal(9817491932198370423UL, rng.NextUInt64());

        var zero = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, zero.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, zero.NextUInt64());
    }

    [Fact]
    public void StateContinuesTheSequence()
    {
        var a = new SplitMix64(-5);
        a.NextUInt64();
        a.NextUInt64();
        var b = new SplitMix64(unchecked((long)a.State));
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void NextDoubleIsInTheUnitInterval()
    {
        var rng = new SplitMix64(3);
        var values = Enumerable.Range(0, 10000).Select(_ => rng.NextDouble()).ToArray();
        Assert.All(values, v => Assert.True(v is >= 0 and < 1));
        Assert.Equal(0.5, values.Average(), 1);
        Assert.Equal(values.Length, values.Distinct().Count());
    }
}
