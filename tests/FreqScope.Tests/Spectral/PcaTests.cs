using FreqScope.Spectral;
using FreqScope.Tests.Support;
using Xunit;

namespace FreqScope.Tests.Spectral;

[Collection(TorchCollection.Name)]
public sealed class PcaTests
{
    private static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();

    /// <summary>
    /// n samples in d dimensions: offset + N(0, 0.1²) isotropic noise + N(0, 5²) along u1 + N(0, 2²) along u2 (u1 ⟂ u2, unit).
    /// </summary>
    private static (float[] X, double[] U1, double[] U2) Planted(int n, int d, int seed)
    {
        var u1 = ProjectionDirection.Random(d, seed);
        var u2 = ProjectionDirection.Random(d, seed + 1);
        var overlap = Dot(u1, u2);
        u2 = ProjectionDirection.Normalize(u2.Select((v, k) => v - (overlap * u1[k])).ToArray(), d);
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            double a = 5 * Normal(), b = 2 * Normal();
            for (var k = 0; k < d; k++)
            {
                x[(i * d) + k] = (float)(0.3 + (0.01 * k) + (0.1 * Normal()) + (a * u1[k]) + (b * u2[k]));
            }
        }

        return (x, u1, u2);
    }

    [Fact]
    public void RecoversPlantedDirectionsAndTheirVariances()
    {
        // n·d = 4.8 M values, so the covariance is accumulated over more than one block of rows.
        const int n = 12000, d = 400;
        var (x, u1, u2) = Planted(n, d, 11);

        var pca = Pca.Compute(x, n, d, 3);

        Assert.Equal(3, pca.Components.Length);
        Assert.True(Math.Abs(Dot(pca.Components[0], u1)) > 0.999, $"|<pc1, u1>| = {Math.Abs(Dot(pca.Components[0], u1))}");
        Assert.True(Math.Abs(Dot(pca.Components[1], u2)) > 0.99, $"|<pc2, u2>| = {Math.Abs(Dot(pca.Components[1], u2))}");
        Assert.InRange(pca.Variances[0], 25 * 0.93, 25 * 1.07);
        Assert.InRange(pca.Variances[1], 4 * 0.93, 4 * 1.07);
        Assert.InRange(pca.Variances[2], 0.01, 0.02); // the largest noise eigenvalue ≈ 0.01 (1 + √(d/n))²
        Assert.True(pca.Variances[0] >= pca.Variances[1] && pca.Variances[1] >= pca.Variances[2]);

        // Independent checks in double: the mean, the total variance (sum of per-coordinate sample variances) and each
        // variance as the Rayleigh quotient (1/(n−1)) Σ ((x_i − μ)·pc)².
        var mean = new double[d];
        for (var i = 0; i < n; i++) for (var k = 0; k < d; k++) mean[k] += x[(i * d) + k];
        for (var k = 0; k < d; k++) mean[k] /= n;
        Assert.Equal(mean, pca.Mean, new Tolerance(1e-12));
        double total = 0;
        var quotients = new double[3];
        for (var i = 0; i < n; i++)
        {
            var centred = Enumerable.Range(0, d).Select(k => x[(i * d) + k] - mean[k]).ToArray();
            total += Dot(centred, centred);
            for (var c = 0; c < 3; c++) quotients[c] += Math.Pow(Dot(centred, pca.Components[c]), 2);
        }

        Assert.Equal(total / (n - 1), pca.TotalVariance, 1e-9 * pca.TotalVariance);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(quotients[c] / (n - 1), pca.Variances[c], 1e-9 * pca.Variances[c]);
        }
    }

    [Fact]
    public void ComponentsAreOrthonormalWithTheirLargestCoordinatePositive()
    {
        const int n = 500, d = 12;
        var (x, _, _) = Planted(n, d, 3);

        var pca = Pca.Compute(x, n, d, d);

        for (var a = 0; a < d; a++)
        {
            var pc = pca.Components[a];
            var largest = pc.MaxBy(Math.Abs);
            Assert.True(largest > 0, $"component {a}: largest-magnitude coordinate {largest}");
            for (var b = 0; b < d; b++) Assert.Equal(a == b ? 1.0 : 0.0, Dot(pc, pca.Components[b]), 1e-12);
        }

        Assert.Equal(pca.TotalVariance, pca.Variances.Sum(), 1e-10 * pca.TotalVariance);
        Assert.Equal(pca.Components[0], Pca.Compute(x, n, d, 1).Components[0]);
    }

    [Fact]
    public void RejectsBadShapes()
    {
        var x = new float[12];
        Assert.Throws<ArgumentException>(() => Pca.Compute(x, 5, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Compute(x, 4, 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Compute(x, 4, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Compute(new float[3], 1, 3, 1));
        x[4] = float.NaN;
        Assert.Throws<ArgumentException>(() => Pca.Compute(x, 4, 3, 1));
    }
}
