using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class ProjectionDirectionTests
{
    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(784)]
    public void RandomDirectionHasUnitNormAndDependsOnlyOnTheSeed(int d)
    {
        var a = ProjectionDirection.Random(d, 42);
        Assert.Equal(d, a.Length);
        Assert.Equal(1.0, Norm(a), 1e-14);
        Assert.Equal(a, ProjectionDirection.Random(d, 42));
        if (d > 1) Assert.NotEqual(a, ProjectionDirection.Random(d, 43));
    }

    [Fact]
    public void RandomDirectionCoordinatesLookGaussian()
    {
        // Scaled by √d, the coordinates of a uniformly random direction are close to i.i.d. N(0, 1):
        // mean ≈ 0 and kurtosis ≈ 3 (a uniform generator would give 1.8).
        const int d = 20000;
        var z = ProjectionDirection.Random(d, 7).Select(v => v * Math.Sqrt(d)).ToArray();
        var mean = z.Average();
        var variance = z.Sum(v => (v - mean) * (v - mean)) / d;
        var kurtosis = z.Sum(v => Math.Pow(v - mean, 4)) / d / (variance * variance);
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(kurtosis, 2.85, 3.15);
    }

    [Fact]
    public void NormalizeScalesToUnitLengthAndNamesWhatIsWrong()
    {
        Assert.Equal([0.6, 0.8], ProjectionDirection.Normalize([3.0, 4.0], 2), new Tolerance(1e-16));
        var length = Assert.Throws<ArgumentException>(() => ProjectionDirection.Normalize([3.0, 4.0], 3));
        Assert.Contains("2 coordinates", length.Message);
        Assert.Contains("dimension 3", length.Message);
        var zero = Assert.Throws<ArgumentException>(() => ProjectionDirection.Normalize([0.0, 0.0], 2));
        Assert.Contains("norm 0", zero.Message);
        Assert.Throws<ArgumentException>(() => ProjectionDirection.Normalize([double.NaN, 1.0], 2));
    }

    [Fact]
    public void ProjectIsTheDotProductWithEachRow()
    {
        const int n = 2100, d = 9;
        var random = new Random(1);
        var x = Enumerable.Range(0, n * d).Select(_ => (float)random.NextDouble()).ToArray();
        var p = ProjectionDirection.Random(d, 3);

        var t = ProjectionDirection.Project(x, n, d, p);

        Assert.Equal(n, t.Length);
        for (var i = 0; i < n; i++)
        {
            double expected = 0;
            for (var k = 0; k < d; k++) expected += (double)x[(i * d) + k] * p[k];
            Assert.Equal(expected, t[i], 1e-13);
        }

        Assert.Throws<ArgumentException>(() => ProjectionDirection.Project(x, n, d, new double[d + 1]));
        Assert.Throws<ArgumentException>(() => ProjectionDirection.Project(x, n + 1, d, p));
    }
}
