using System.Numerics;
using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class ProjectedSpectrumTests
{
    [Fact]
    public void OneComponentGivesExactlySpectralErrorsOneDimensionalForms()
    {
        var target = NaiveDft.RandomComplex(30, 1);
        var output = NaiveDft.RandomComplex(30, 2);
        target[4] = Complex.Zero;
        output[5] = target[5];
        var all = Enumerable.Range(0, 30).ToArray();

        Assert.Equal(target.Select(v => v.Magnitude), ProjectedSpectrum.ComponentNorms(target, 1));
        Assert.Equal(SpectralError.Complex(output, target, all), ProjectedSpectrum.ComplexErrors(output, target, 1));
        Assert.Equal(SpectralError.Magnitude(output, target, all), ProjectedSpectrum.MagnitudeErrors(output, target, 1));
        Assert.Equal(SpectralError.Complex(output, target, all), ProjectedSpectrum.ComplexErrors(output, target, 1, 0));
    }

    [Fact]
    public void SingleComponentIndexUsesOnlyThatComponent()
    {
        const int m = 3, k = 8;
        var target = NaiveDft.RandomComplex(k * m, 3);
        var output = NaiveDft.RandomComplex(k * m, 4);
        for (var c = 0; c < m; c++)
        {
            var indices = Enumerable.Range(0, k).Select(j => (j * m) + c).ToArray();
            Assert.Equal(indices.Select(i => target[i].Magnitude), ProjectedSpectrum.ComponentNorms(target, m, c));
            Assert.Equal(SpectralError.Complex(output, target, indices), ProjectedSpectrum.ComplexErrors(output, target, m, c));
            Assert.Equal(SpectralError.Magnitude(output, target, indices), ProjectedSpectrum.MagnitudeErrors(output, target, m, c));
        }
    }

    [Fact]
    public void AllComponentFormsByHand()
    {
        // Frequency 0: target (3, 4i, 0), norm 5; output (3, 4i, 1): difference norm 1, output norm √26.
        // Frequency 1: target (0, 0, 0); output equal → 0. Frequency 2: target (1, 0, 0), output (0, 0, i).
        Complex[] target = [3, new(0, 4), 0, 0, 0, 0, 1, 0, 0];
        Complex[] output = [3, new(0, 4), 1, 0, 0, 0, 0, 0, Complex.ImaginaryOne];

        Assert.Equal([5.0, 0.0, 1.0], ProjectedSpectrum.ComponentNorms(target, 3), new Tolerance(1e-15));
        Assert.Equal([0.2, 0.0, Math.Sqrt(2)], ProjectedSpectrum.ComplexErrors(output, target, 3), new Tolerance(1e-15));
        Assert.Equal([(Math.Sqrt(26) - 5) / 5, 0.0, 0.0], ProjectedSpectrum.MagnitudeErrors(output, target, 3), new Tolerance(1e-15));

        output[4] = new Complex(0, -1e-9);
        Assert.Equal(double.PositiveInfinity, ProjectedSpectrum.ComplexErrors(output, target, 3)[1]);
    }

    [Fact]
    public void MagnitudeFormNeverExceedsComplexForm()
    {
        const int m = 5;
        var target = NaiveDft.RandomComplex(50 * m, 10);
        var output = NaiveDft.RandomComplex(50 * m, 11);
        var complexErrors = ProjectedSpectrum.ComplexErrors(output, target, m);
        var magnitudeErrors = ProjectedSpectrum.MagnitudeErrors(output, target, m);
        for (var j = 0; j < 50; j++)
        {
            Assert.True(magnitudeErrors[j] <= complexErrors[j] + 1e-15);
        }
    }

    [Fact]
    public void RejectsBadShapes()
    {
        var six = new Complex[6];
        Assert.Throws<ArgumentException>(() => ProjectedSpectrum.ComponentNorms(six, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectedSpectrum.ComponentNorms(six, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectedSpectrum.ComponentNorms(six, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectedSpectrum.MagnitudeErrors(six, six, 3, -1));
        Assert.Throws<ArgumentException>(() => ProjectedSpectrum.ComplexErrors(six, new Complex[3], 3));
    }
}
