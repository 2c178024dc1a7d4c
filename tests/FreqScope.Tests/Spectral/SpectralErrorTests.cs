using System.Numerics;
using FreqScope.Spectral;
using Xunit;

namespace FreqScope.Tests.Spectral;

public sealed class SpectralErrorTests
{
    [Fact]
    public void TenPercentScaledOutputGivesPointOneForBoth()
    {
        var target = new Complex(0.3, -0.4);
        var output = target * 1.1;

        Assert.Equal(0.1, SpectralError.Complex(output, target), 1e-14);
        Assert.Equal(0.1, SpectralError.Magnitude(output, target), 1e-14);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(Math.PI / 2)]
    [InlineData(Math.PI)]
    public void PhaseShiftIsSeenOnlyByTheComplexError(double theta)
    {
        var target = Complex.FromPolarCoordinates(2.0, 0.7);
        var output = target * Complex.FromPolarCoordinates(1.0, theta);

        Assert.Equal(0.0, SpectralError.Magnitude(output, target), 1e-14);
        Assert.Equal(2 * Math.Sin(theta / 2), SpectralError.Complex(output, target), 1e-14); // |e^{iθ} − 1|
    }

    [Fact]
    public void ZeroTargetGivesInfinityOrZero()
    {
        Assert.Equal(double.PositiveInfinity, SpectralError.Complex(new Complex(0, 1e-9), Complex.Zero));
        Assert.Equal(double.PositiveInfinity, SpectralError.Magnitude(new Complex(1, 0), Complex.Zero));
        Assert.Equal(0.0, SpectralError.Complex(Complex.Zero, Complex.Zero));
        Assert.Equal(0.0, SpectralError.Magnitude(Complex.Zero, Complex.Zero));
    }

    [Fact]
    public void ArrayVersionsEvaluateAtTheGivenIndicesInOrder()
    {
        Complex[] target = [new(1, 0), new(0, 2), new(-3, 0), new(0, 0)];
        Complex[] output = [new(5, 5), new(0, -2), new(-3.3, 0), new(1, 0)];

        Assert.Equal([0.1, 2.0, double.PositiveInfinity], SpectralError.Complex(output, target, [2, 1, 3]), new Tolerance(1e-14));
        Assert.Equal([0.1, 0.0, double.PositiveInfinity], SpectralError.Magnitude(output, target, [2, 1, 3]), new Tolerance(1e-14));
        Assert.Empty(SpectralError.Complex(output, target, []));
    }

    [Fact]
    public void ArrayVersionsRejectMismatchedLengthsAndBadIndices()
    {
        Complex[] three = [1, 2, 3];
        Complex[] two = [1, 2];

        Assert.Throws<ArgumentException>(() => SpectralError.Complex(three, two, [0]));
        Assert.Throws<ArgumentException>(() => SpectralError.Magnitude(two, three, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpectralError.Complex(three, three, [3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpectralError.Magnitude(three, three, [-1]));
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => x.Equals(y) || Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
