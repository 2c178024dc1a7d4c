using FreqScope.Core;
using FreqScope.Data;
using FreqScope.Experiments;
using FreqScope.Spectral;
using FreqScope.Experiments.Fit1d;
using Xunit;

namespace FreqScope.Tests.Data;

public sealed class GridTests
{
    [Fact]
    public void UniformWithEndpointIsLinspace()
    {
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], Grid.Uniform(0, 1, 5, includeEndpoint: true));

        var x = Grid.Uniform(-Math.PI, Math.PI, 101, includeEndpoint: true);
        Assert.Equal(101, x.Length);
        var step = 2 * Math.PI / 100;
        for (var i = 0; i < 100; i++) Assert.Equal(i * step + -Math.PI, x[i]); // numpy: arange(n) * step + start
        Assert.Equal(-Math.PI, x[0]);
        Assert.Equal(Math.PI, x[100]); // numpy sets the endpoint exactly
        Assert.Equal(0, x[50], 15);
    }

    [Fact]
    public void UniformWithoutEndpointIsThePeriodicGrid()
    {
        var x = Grid.Uniform(0, 1, 200, includeEndpoint: false);
        Assert.Equal(200, x.Length);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(i * (1.0 / 200) + 0, x[i]);
            Assert.Equal(i / 200.0, x[i], 15);
        }

        Assert.True(x[^1] < 1);
        Assert.Equal(0.995, x[^1], 15);
        Assert.Equal([-1, 0, 1, 2], Grid.Uniform(-1, 3, 4, includeEndpoint: false));
    }

    [Fact]
    public void SpacingMatchesTheGrid()
    {
        Assert.Equal(0.25, Grid.Spacing(0, 1, 5, includeEndpoint: true));
        Assert.Equal(0.2, Grid.Spacing(0, 1, 5, includeEndpoint: false));
        var x = Grid.Uniform(-2, 5, 36, includeEndpoint: true);
        Assert.Equal(Grid.Spacing(-2, 5, 36, includeEndpoint: true), x[1] - x[0], 14);
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Spacing(0, 1, 1, includeEndpoint: true));
        Assert.Equal(1, Grid.Spacing(0, 1, 1, includeEndpoint: false));
    }

    [Fact]
    public void UniformEdgeCasesAndErrors()
    {
        Assert.Equal([2.0], Grid.Uniform(2, 3, 1, includeEndpoint: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Uniform(0, 1, 0, includeEndpoint: true));
        Assert.Throws<ArgumentException>(() => Grid.Uniform(1, 1, 5, includeEndpoint: true));
        Assert.Throws<ArgumentException>(() => Grid.Uniform(0, double.PositiveInfinity, 5, includeEndpoint: true));
    }

    [Fact]
    public void RandomIsDeterministicSortedAndInRange()
    {
        var a = Grid.Random(-2, 3, 1000, seed: 42);
        var b = Grid.Random(-2, 3, 1000, seed: 42);
        var c = Grid.Random(-2, 3, 1000, seed: 43);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(1000, a.Length);
        Assert.All(a, x => Assert.InRange(x, -2, 3));
        Assert.DoesNotContain(3.0, a);
        for (var i = 1; i < a.Length; i++) Assert.True(a[i - 1] <= a[i]);
    }

    [Fact]
    public void RandomUsesSplitMix64Draws()
    {
        // Seed 0's first SplitMix64 output is 0xE220A8397B1DCDAF; its top 53 bits scaled by 2^-53 are the draw.
        var u = (0xE220A8397B1DCDAFUL >> 11) * Math.Pow(2, -53);
        Assert.Equal([10 + u * 10], Grid.Random(10, 20, 1, seed: 0));

        var rng = new SplitMix64(99);
        var expected = Enumerable.Range(0, 5).Select(_ => -1 + rng.NextDouble() * 2).Order().ToArray();
        Assert.Equal(expected, Grid.Random(-1, 1, 5, seed: 99));
    }

    [Fact]
    public void RandomIsRoughlyUniform()
    {
        var x = Grid.Random(0, 1, 20000, seed: 7);
        Assert.Equal(0.5, x.Average(), 2);
        Assert.InRange(x.Count(v => v < 0.25), 4700, 5300);
        Assert.InRange(x[0], 0, 0.001);
        Assert.InRange(x[^1], 0.999, 1);
    }

    [Fact]
    public void ForTrainAndForEvalFollowTheConfig()
    {
        var data = new FitDataConfig
        {
            Domain = new(0, 1),
            Train = new TrainGridConfig { Sampling = Sampling.Random, Count = 10 },
            Eval = new EvalGridConfig { Count = 8, IncludeEndpoint = false },
        };
        Assert.Equal(Grid.Random(0, 1, 10, 5), data.TrainPoints(5));
        Assert.Equal(Grid.Uniform(0, 1, 8, includeEndpoint: false), data.EvalPoints());
        var uniform = data with { Train = new TrainGridConfig { Count = 5, IncludeEndpoint = true } };
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], uniform.TrainPoints(5));
    }
}
