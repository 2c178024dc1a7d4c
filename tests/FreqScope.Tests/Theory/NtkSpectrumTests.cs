using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Theory;

namespace FreqScope.Tests.Theory;

[Collection(TorchCollection.Name)]
public sealed class NtkSpectrumTests
{
    public NtkSpectrumTests() => NativeLoader.EnsureLoaded();

    /// <summary>A random n×n PSD matrix A Aᵀ with A n×r (rank r).</summary>
    internal static double[,] RandomPsd(int n, int r, int seed)
    {
        var random = new Random(seed);
        var a = new double[n, r];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < r; k++)
            {
                a[i, k] = (2 * random.NextDouble()) - 1;
            }
        }

        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < r; k++)
                {
                    m[i, j] += a[i, k] * a[j, k];
                }
            }
        }

        return m;
    }

    internal static double[] RandomVector(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
    }

    [Fact]
    public void EigenpairsAreSortedOrthonormalSignedAndRebuildTheMatrix()
    {
        const int n = 9;
        var k = RandomPsd(n, n, 1);
        var spectrum = new NtkSpectrum(k);
        Assert.Equal(n, spectrum.Size);
        for (var i = 1; i < n; i++)
        {
            Assert.True(spectrum.Eigenvalues[i - 1] >= spectrum.Eigenvalues[i]);
        }

        var vectors = Enumerable.Range(0, n).Select(spectrum.Eigenvector).ToArray();
        for (var a = 0; a < n; a++)
        {
            var largest = vectors[a].MaxBy(Math.Abs);
            Assert.True(largest > 0);
            for (var b = 0; b < n; b++)
            {
                var dot = vectors[a].Zip(vectors[b], (p, q) => p * q).Sum();
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 1e-12);
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = Enumerable.Range(0, n).Sum(c => spectrum.Eigenvalues[c] * vectors[c][i] * vectors[c][j]);
                Assert.Equal(k[i, j], sum, 1e-12);
            }

            // Θ v = λ v.
            var kv = Enumerable.Range(0, n).Sum(j => k[i, j] * vectors[0][j]);
            Assert.Equal(spectrum.Eigenvalues[0] * vectors[0][i], kv, 1e-12);
        }
    }

    [Fact]
    public void ProjectionsOfTheResidualReconstructItAndKeepItsNorm()
    {
        const int n = 12;
        var spectrum = new NtkSpectrum(RandomPsd(n, 5, 2)); // rank 5: a 7-dimensional null space
        var residual = RandomVector(n, 3);
        var c = spectrum.Project(residual);
        Assert.Equal(residual.Sum(v => v * v), c.Sum(v => v * v), 1e-12);
        var back = spectrum.Reconstruct(c);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(residual[i], back[i], 1e-12);
        }

        // The coefficient on eigenvector 3 is its inner product with the residual.
        Assert.Equal(spectrum.Eigenvector(3).Zip(residual, (p, q) => p * q).Sum(), c[3], 1e-14);
        // Apply with g(λ) = λ is the matrix-vector product.
        var k = RandomPsd(n, 5, 2);
        var kr = spectrum.Apply(residual, (lambda, _) => lambda);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(Enumerable.Range(0, n).Sum(j => k[i, j] * residual[j]), kr[i], 1e-12);
        }
    }

    [Fact]
    public void RejectsNonSymmetricNonSquareAndWrongLengths()
    {
        Assert.Throws<ArgumentException>(() => new NtkSpectrum(new double[,] { { 1, 2 }, { 0, 1 } }));
        Assert.Throws<ArgumentException>(() => new NtkSpectrum(new double[2, 3]));
        Assert.Throws<ArgumentException>(() => new NtkSpectrum(new double[,] { { double.NaN } }));
        var spectrum = new NtkSpectrum(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal([3.0, 1.0], spectrum.Eigenvalues.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Throws<ArgumentException>(() => spectrum.Project([1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => spectrum.Eigenvector(2));
    }
}
