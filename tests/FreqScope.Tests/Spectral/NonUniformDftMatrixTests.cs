using FreqScope.Spectral;

namespace FreqScope.Tests.Spectral;

public sealed class NonUniformDftMatrixTests
{
    [Fact]
    public void ItEqualsTheDirectNonUniformDft()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 97).Select(_ => 20 * random.NextDouble() - 10).ToArray();
        var xi = Enumerable.Range(0, 41).Select(i => -2 + 0.1 * i).ToArray();
        var matrix = new NonUniformDftMatrix(x, xi);
        for (int trial = 0; trial < 3; trial++)
        {
            var y = x.Select(_ => random.NextDouble() - 0.5).ToArray();
            var expected = NonUniformDft.Forward(x, y, 1, xi);
            var actual = matrix.Forward(y);
            for (int j = 0; j < xi.Length; j++) Assert.True((expected[j] - actual[j]).Magnitude < 1e-14, $"ξ = {xi[j]}");
        }
    }

    [Fact]
    public void APureToneHasItsLineAtItsFrequency()
    {
        // y = cos(2π·0.25·x) on 80 points of [0, 40): exactly 10 periods, so ŷ(±0.25) = 1/2 and ŷ(0.5) = 0.
        var x = Enumerable.Range(0, 80).Select(i => i * 0.5).ToArray();
        var y = x.Select(v => Math.Cos(2 * Math.PI * 0.25 * v)).ToArray();
        var s = new NonUniformDftMatrix(x, [-0.25, 0.25, 0.5]).Forward(y);
        Assert.Equal(0.5, s[0].Real, 12);
        Assert.Equal(0.5, s[1].Real, 12);
        Assert.True(s[2].Magnitude < 1e-12);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new NonUniformDftMatrix([], [0.1]));
        Assert.Throws<ArgumentException>(() => new NonUniformDftMatrix([double.NaN], [0.1]));
        var m = new NonUniformDftMatrix([0, 1], [0.1]);
        Assert.Throws<ArgumentException>(() => m.Forward([1.0]));
    }
}
