using System.Numerics;
using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class NonUniformDftTests
{
    /// <summary>Row-major n×m random values in [−1, 1).</summary>
    private static double[] RandomValues(int n, int m, int seed) => NaiveDft.RandomReal(n * m, seed);

    /// <summary>Column c of a row-major n×m array.</summary>
    private static double[] Column(double[] values, int m, int c) =>
        Enumerable.Range(0, values.Length / m).Select(i => values[(i * m) + c]).ToArray();

    [Theory]
    [InlineData(128)]
    [InlineData(101)]
    public void OnTheUniformGridAtIntegerFrequenciesItIsTheFft(int n)
    {
        const int m = 3;
        var t = Enumerable.Range(0, n).Select(i => (double)i / n).ToArray();
        var values = RandomValues(n, m, n);
        int[] ks = [0, 1, 2, 7, n / 2, n - 1, n, -3, (3 * n) + 5];

        var spectrum = NonUniformDft.Forward(t, values, m, ks.Select(k => (double)k).ToArray());

        Assert.Equal(ks.Length * m, spectrum.Length);
        for (var c = 0; c < m; c++)
        {
            var fft = Dft.Forward(Column(values, m, c));
            var scale = fft.Max(v => v.Magnitude);
            for (var j = 0; j < ks.Length; j++)
            {
                var expected = fft[((ks[j] % n) + n) % n];
                Assert.True((spectrum[(j * m) + c] - expected).Magnitude <= 1e-10 * scale, $"k = {ks[j]}, component {c}");
            }
        }
    }

    [Fact]
    public void MatchesANaiveDoubleLoopOnRandomNonUniformPositions()
    {
        const int n = 777, m = 4;
        var random = new Random(5);
        var t = Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        var values = RandomValues(n, m, 6);
        var frequencies = Enumerable.Range(0, 40).Select(_ => (random.NextDouble() * 20) - 5).ToArray();

        var spectrum = NonUniformDft.Forward(t, values, m, frequencies);

        var scale = values.Sum(Math.Abs) / n / m;
        for (var j = 0; j < frequencies.Length; j++)
        {
            for (var c = 0; c < m; c++)
            {
                double re = 0, im = 0;
                for (var i = 0; i < n; i++)
                {
                    var angle = -2 * Math.PI * frequencies[j] * t[i];
                    re += values[(i * m) + c] * Math.Cos(angle);
                    im += values[(i * m) + c] * Math.Sin(angle);
                }

                var expected = new Complex(re / n, im / n);
                Assert.True((spectrum[(j * m) + c] - expected).Magnitude <= 1e-12 * scale, $"k = {frequencies[j]}, component {c}");
            }
        }
    }

    [Fact]
    public void ShiftingThePositionsOnlyMultipliesByAPhase()
    {
        const int n = 300, m = 2;
        var random = new Random(8);
        var t = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var shifted = t.Select(v => v + 12.345).ToArray();
        var values = RandomValues(n, m, 9);
        double[] frequencies = [0, 0.5, 1, 3.7, 10];

        var a = NonUniformDft.Forward(t, values, m, frequencies);
        var b = NonUniformDft.Forward(shifted, values, m, frequencies);

        for (var j = 0; j < frequencies.Length; j++)
        {
            var phase = Complex.FromPolarCoordinates(1, -2 * Math.PI * frequencies[j] * 12.345);
            for (var c = 0; c < m; c++)
            {
                Assert.True((b[(j * m) + c] - (a[(j * m) + c] * phase)).Magnitude < 1e-12);
            }
        }

        Assert.Equal(ProjectedSpectrum.ComponentNorms(a, m), ProjectedSpectrum.ComponentNorms(b, m), new Tolerance(1e-12));
    }

    [Fact]
    public void ZeroFrequencyIsTheMeanOfEachComponent()
    {
        const int n = 60000, m = 10;
        var random = new Random(3);
        var t = Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 200) - 100).ToArray();
        var values = RandomValues(n, m, 4);

        var spectrum = NonUniformDft.Forward(t, values, m, [0.0, 25.0]);

        for (var c = 0; c < m; c++)
        {
            Assert.Equal(Column(values, m, c).Average(), spectrum[c].Real, 1e-14);
            Assert.Equal(0.0, spectrum[c].Imaginary);
        }

        // At 25 cycles per unit over a spread of 200 units the phases are random: |ŷ| is sampling noise ~ 1/√n.
        Assert.All(ProjectedSpectrum.ComponentNorms(spectrum, m, 3).Skip(1), v => Assert.InRange(v, 0, 5 / Math.Sqrt(n)));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        double[] t = [0, 1, 2];
        Assert.Throws<ArgumentException>(() => NonUniformDft.Forward([], [], 1, [1.0]));
        Assert.Throws<ArgumentException>(() => NonUniformDft.Forward(t, [1, 2, 3, 4], 2, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NonUniformDft.Forward(t, [1, 2, 3], 0, [1.0]));
        Assert.Throws<ArgumentException>(() => NonUniformDft.Forward(t, [1, double.NaN, 3], 1, [1.0]));
        Assert.Throws<ArgumentException>(() => NonUniformDft.Forward([0, double.PositiveInfinity, 2], [1, 2, 3], 1, [1.0]));
        Assert.Throws<ArgumentException>(() => NonUniformDft.Forward(t, [1, 2, 3], 1, [double.NaN]));
        Assert.Empty(NonUniformDft.Forward(t, [1, 2, 3], 1, []));
    }
}
