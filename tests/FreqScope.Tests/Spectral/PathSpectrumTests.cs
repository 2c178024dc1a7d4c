using FreqScope.Spectral;

namespace FreqScope.Tests.Spectral;

public sealed class PathSpectrumTests
{
    /// <summary>
    /// An analytic two-class classifier along a path: p(t) = (cos²(π f₀ t), sin²(π f₀ t)). Then
    /// ‖p(t) − p(0)‖ = √2 sin²(π f₀ t) = (1 − cos 2π f₀ t)/√2, a single tone at f₀.
    /// </summary>
    private static float[] Classifier(double f0, int points, double spacing)
    {
        var p = new float[points * 2];
        for (int j = 0; j < points; j++)
        {
            double c = Math.Cos(Math.PI * f0 * j * spacing);
            p[2 * j] = (float)(c * c);
            p[2 * j + 1] = (float)(1 - c * c);
        }

        return p;
    }

    [Theory]
    [InlineData(0.5, 200, 0.1)]
    [InlineData(1.25, 160, 0.05)]
    public void TheSpectrumOfASinusoidalClassifierPeaksAtItsFrequency(double f0, int points, double spacing)
    {
        var s = PathSpectrum.Signal(Classifier(f0, points, spacing), points, 2);
        Assert.Equal(Math.Sqrt(2) * Math.Pow(Math.Sin(Math.PI * f0 * 7 * spacing), 2), s[7], 6);
        var (f, psd) = PathSpectrum.Density(s, spacing);
        int peak = Array.IndexOf(psd, psd.Max());
        Assert.Equal(f0, f[peak], 9);
        // Parseval: Σ PSD · (1/NΔ) is the variance of s, here that of cos/√2 over whole periods: 1/4.
        Assert.Equal(0.25, psd.Sum() / (points * spacing), 5);
        Assert.Equal(1, PathSpectrum.HighFraction(f, psd, f0 / 2), 5);
        Assert.Equal(0, PathSpectrum.HighFraction(f, psd, f0 * 1.5), 5);
    }

    [Fact]
    public void PathsOfDifferentLengthsAgreeOnACommonGrid()
    {
        // The same tone sampled over 10 and over 20 periods has the same density at the tone, on any common grid.
        const double f0 = 1, spacing = 0.05;
        double[] grid = [.. Enumerable.Range(0, 41).Select(i => i * 0.25)];
        var shortPath = PathSpectrum.Density(PathSpectrum.Signal(Classifier(f0, 200, spacing), 200, 2), spacing);
        var longPath = PathSpectrum.Density(PathSpectrum.Signal(Classifier(f0, 400, spacing), 400, 2), spacing);
        var a = PathSpectrum.OnGrid(shortPath.Frequencies, shortPath.Density, grid);
        var b = PathSpectrum.OnGrid(longPath.Frequencies, longPath.Density, grid);
        Assert.Equal(4, Array.IndexOf(a, a.Max()));
        Assert.Equal(4, Array.IndexOf(b, b.Max()));
        // The peak's density grows with the path length (a line gets narrower), but the integrated power is 1/4 on both.
        Assert.Equal(0.25, shortPath.Density.Sum() / (200 * spacing), 5);
        Assert.Equal(0.25, longPath.Density.Sum() / (400 * spacing), 5);
    }

    [Fact]
    public void LinearInterpolationAndBadInput()
    {
        var g = PathSpectrum.OnGrid([0.0, 1, 2], [0.0, 10, 20], [0.5, 1.5, 2, 3]);
        Assert.Equal([5.0, 15, 20, 0], g);
        Assert.Throws<ArgumentException>(() => PathSpectrum.Signal([0.5f, 0.5f, 1f], 2, 2));
        Assert.Throws<ArgumentException>(() => PathSpectrum.Density([1.0], 0.1));
        Assert.Throws<ArgumentException>(() => PathSpectrum.Density([1.0, 2.0], 0));
    }
}
