using System.Numerics;
using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class DftTests
{
    public static readonly TheoryData<int> Sizes = new(1, 2, 3, 8, 101, 200, 1024, 2001);

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ForwardOfRealDataMatchesNaiveDft(int n)
    {
        var x = NaiveDft.RandomReal(n, seed: n);
        var expected = NaiveDft.Forward(NaiveDft.ToComplex(x));

        var actual = Dft.Forward(x);

        Assert.True(NaiveDft.RelativeMaxError(actual, expected) < 1e-10, $"n = {n}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ForwardOfComplexDataMatchesNaiveDft(int n)
    {
        var x = NaiveDft.RandomComplex(n, seed: 1000 + n);
        var expected = NaiveDft.Forward(x);

        var actual = Dft.Forward(x);

        Assert.True(NaiveDft.RelativeMaxError(actual, expected) < 1e-10, $"n = {n}");
    }

    [Fact]
    public void ForwardIsAccurateToAboutOneInATrillionForBluesteinAndRadix2()
    {
        foreach (var n in new[] { 101, 200, 256 })
        {
            var x = NaiveDft.RandomReal(n, seed: 7 * n);
            var error = NaiveDft.RelativeMaxError(Dft.Forward(x), NaiveDft.Forward(NaiveDft.ToComplex(x)));
            Assert.True(error < 1e-12, $"n = {n}: relative error {error}");
        }
    }

    [Fact]
    public void SinglePointAndTwoPointTransformsHaveClosedForms()
    {
        Assert.Equal(new Complex(3.5, 0), Assert.Single(Dft.Forward([3.5])));

        var two = Dft.Forward([1.0, 5.0]);
        Assert.Equal(3.0, two[0].Real, 15);
        Assert.Equal(-2.0, two[1].Real, 15);
        Assert.Equal(0.0, two[1].Imaginary, 15);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(101)]
    [InlineData(1000)]
    public void ParsevalHoldsWithTheOneOverNConvention(int n)
    {
        var x = NaiveDft.RandomComplex(n, seed: 3 * n);
        var X = Dft.Forward(x);

        var timeEnergy = x.Sum(v => v.Magnitude * v.Magnitude);
        var frequencyEnergy = X.Sum(v => v.Magnitude * v.Magnitude);

        Assert.Equal(timeEnergy, n * frequencyEnergy, timeEnergy * 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(101)]
    [InlineData(2001)]
    public void InverseUndoesForward(int n)
    {
        var x = NaiveDft.RandomComplex(n, seed: 5 * n);

        var roundTrip = Dft.Inverse(Dft.Forward(x));

        Assert.True(NaiveDft.RelativeMaxError(roundTrip, x) < 1e-12, $"n = {n}");
    }

    [Fact]
    public void InverseOfAUnitCoefficientIsAComplexExponential()
    {
        const int n = 12;
        var X = new Complex[n];
        X[2] = Complex.One;

        var x = Dft.Inverse(X);

        for (var j = 0; j < n; j++)
        {
            var expected = Complex.FromPolarCoordinates(1, 2 * Math.PI * 2 * j / n);
            Assert.True((x[j] - expected).Magnitude < 1e-14, $"j = {j}");
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(100)]
    public void PureSinusoidHasHalfAmplitudeAtItsIndexAndMirror(int n)
    {
        var x = Enumerable.Range(0, n).Select(j => Math.Sin(2 * Math.PI * 5 * j / n)).ToArray();

        var X = Dft.Forward(x);

        Assert.Equal(0.5, X[5].Magnitude, 1e-13);
        Assert.Equal(0.5, X[n - 5].Magnitude, 1e-13);
        // sin = (e^{iθ} − e^{−iθ}) / 2i, so X_5 = −i/2.
        Assert.Equal(-0.5, X[5].Imaginary, 1e-13);
        for (var k = 0; k < n; k++)
        {
            if (k != 5 && k != n - 5)
            {
                Assert.True(X[k].Magnitude < 1e-13, $"k = {k}: |X_k| = {X[k].Magnitude}");
            }
        }
    }

    [Fact]
    public void OneSidedMagnitudesCoverZeroToNyquist()
    {
        var even = Dft.OneSidedMagnitudes([new Complex(3, 4), new Complex(0, -2), new Complex(1, 0), new Complex(0, 2)]);
        Assert.Equal([5.0, 2.0, 1.0], even);

        var odd = Dft.OneSidedMagnitudes([new Complex(-1, 0), new Complex(0, 7), new Complex(0, -7)]);
        Assert.Equal([1.0, 7.0], odd);

        Assert.Equal([2.0], Dft.OneSidedMagnitudes([new Complex(0, -2)]));
    }

    [Fact]
    public void FrequencyIsCyclesPerUnitOverTheWindow()
    {
        Assert.Equal(2.5, Dft.Frequency(5, 200, 0.01), 1e-15);
        Assert.Equal(0.0, Dft.Frequency(0, 7, 0.3));

        // 101 points of linspace(−π, π): Δx = 2π/100, window 2.02π.
        var f1 = Dft.Frequency(1, 101, 2 * Math.PI / 100);
        Assert.Equal(1 / (2.02 * Math.PI), f1, 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => Dft.Frequency(1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dft.Frequency(1, 10, 0));
    }

    [Fact]
    public void DefaultExperimentGridHasPeaksAtOneThreeFive()
    {
        const int n = 101;
        var x = Enumerable.Range(0, n).Select(j => -Math.PI + (j * 2 * Math.PI / (n - 1))).ToArray();
        var y = x.Select(v => Math.Sin(v) + Math.Sin(3 * v) + Math.Sin(5 * v)).ToArray();

        var magnitudes = Dft.OneSidedMagnitudes(Dft.Forward(y));

        Assert.Equal(51, magnitudes.Length);
        Assert.Equal([1, 3, 5], PeakFinder.FindPeaks(magnitudes));
        // Each peak sits near the angular frequency it stands for: 2π·k/(n·Δx) = k·100/101.
        Assert.Equal(3 * 100.0 / 101, 2 * Math.PI * Dft.Frequency(3, n, x[1] - x[0]), 1e-12);
    }

    [Fact]
    public void LargeNonPowerOfTwoTransformMatchesNaiveAtSampledIndices()
    {
        const int n = 20001;
        var x = NaiveDft.RandomReal(n, seed: 20001);
        var complex = NaiveDft.ToComplex(x);

        var X = Dft.Forward(x);

        Assert.Equal(n, X.Length);
        var scale = Math.Sqrt(x.Sum(v => v * v) / n) / Math.Sqrt(n); // typical |X_k| for white noise
        foreach (var k in new[] { 0, 1, 2, 777, 10000, 10001, 19999, 20000 })
        {
            var expected = NaiveDft.Coefficient(complex, k);
            Assert.True((X[k] - expected).Magnitude < 1e-10 * scale, $"k = {k}");
        }
    }

    [Fact]
    public void RepeatedAndConcurrentTransformsOfTheSameLengthAgree()
    {
        var x = NaiveDft.RandomReal(303, seed: 303);
        var first = Dft.Forward(x);

        var results = new Complex[8][];
        Parallel.For(0, results.Length, i => results[i] = Dft.Forward(x));

        foreach (var result in results)
        {
            Assert.Equal(first, result);
        }
    }

    [Fact]
    public void EmptyInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Dft.Forward(ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => Dft.Forward(ReadOnlySpan<Complex>.Empty));
        Assert.Throws<ArgumentException>(() => Dft.Inverse(ReadOnlySpan<Complex>.Empty));
    }
}
