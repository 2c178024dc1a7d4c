using FreqScope.Experiments;
using FreqScope.Spectral;
using FreqScope.Experiments.Parity;

namespace FreqScope.Tests.Spectral;

/// <summary><see cref="RadialSpectrum"/> on the parity function, as plain arrays (no torch).</summary>
public sealed class ParitySpectrumTests
{
    private static (double[][] Points, double[] Labels) Cube(int d)
    {
        var split = ParitySplit.Create(new ParityDataConfig { Dimension = d, TrainFraction = 0.5 }, 0);
        return ([.. split.Train, .. split.Test], [.. split.TrainLabels, .. split.TestLabels]);
    }

    [Fact]
    public void OnTheWholeCubeTheShellPowerIsTheAverageOfTheClosedFormProductOfSines()
    {
        // ŷ(k) = (1/2^d) Σ_x Π_j x_j e^{−i k_j x_j} = Π_j (−i sin k_j), so |ŷ(k)|² = Π_j sin² k_j.
        var (points, labels) = Cube(4);
        Assert.Equal(16, points.Length);
        Assert.Equal(16, points.Select(p => string.Join(",", p)).Distinct().Count());
        var directions = RadialSpectrum.RandomDirections(4, 9, 5);
        var radii = new[] { 0.0, 0.7, 1.9, Math.PI, 4.4 };
        var table = new RadialSpectrum(points, radii, directions).Power(labels);
        var once = RadialSpectrum.PowerOnce(points, labels, radii, directions);
        for (int s = 0; s < radii.Length; s++)
        {
            double expected = directions.Average(u => u.Select(c => Math.Pow(Math.Sin(radii[s] * c), 2)).Aggregate(1.0, (a, b) => a * b));
            Assert.Equal(expected, table[s], 12);
            Assert.Equal(expected, once[s], 12);
        }
    }

    [Fact]
    public void TheParitySpectrumOfTheSixCubePeaksAtRootDTimesHalfPi()
    {
        const int d = 6;
        var (points, labels) = Cube(d);
        double theory = RadialSpectrum.ParityTheoryRadius(d);
        Assert.Equal(Math.Sqrt(6) * Math.PI / 2, theory, 14);
        var radii = new ParityProbeConfig { MaxRadius = 2 * theory, Radii = 61 }.RadiusGrid();
        var power = RadialSpectrum.PowerOnce(points, labels, radii, RadialSpectrum.RandomDirections(d, 2048, 11));
        // The first peak is the theory radius (a little below it: off-diagonal directions peak earlier), ...
        double peak = RadialSpectrum.FirstPeakRadius(radii, power);
        Assert.InRange(peak / theory, 0.9, 1.02);
        // ... it is the largest power up to 1.2 √d·π/2, ...
        var upTo = Enumerable.Range(0, radii.Length).Where(s => radii[s] <= 1.2 * theory).ToArray();
        Assert.Equal(peak, radii[upTo.MaxBy(s => power[s])]);
        // ... and below half the theory radius the parity has almost no energy: it is a high-frequency function.
        double low = Enumerable.Range(0, radii.Length).Where(s => radii[s] < theory / 2).Max(s => power[s]);
        Assert.True(low < 0.02 * power.Max(), $"low-frequency power {low} vs peak {power.Max()}");
        // The largest single value of Π sin² k_j on the shell r = √d·π/2 is 1, on the diagonal.
        double[] diagonal = [.. Enumerable.Repeat(1 / Math.Sqrt(d), d)];
        Assert.Equal(1.0, RadialSpectrum.PowerOnce(points, labels, [theory], [diagonal])[0], 12);
    }

    [Fact]
    public void FirstPeakSkipsSmallBumpsAndLaterHumps()
    {
        double[] r = [0, 1, 2, 3, 4, 5, 6, 7];
        double[] p = [0, 0.1, 0.05, 0.8, 0.6, 0.7, 0.9, 0.5];
        Assert.Equal(3, RadialSpectrum.FirstPeakRadius(r, p));
        Assert.Equal(6, RadialSpectrum.PeakRadius(r, p));
    }

    [Fact]
    public void BandErrorsSplitTheShellsEvenlyAndAreRelativeRootPowers()
    {
        Assert.Equal((0, 2), RadialSpectrum.BandShells(7, 3, 0));
        Assert.Equal((2, 4), RadialSpectrum.BandShells(7, 3, 1));
        Assert.Equal((4, 7), RadialSpectrum.BandShells(7, 3, 2));
        double[] target = [1, 3, 2, 2, 1, 1, 2];
        double[] residual = [0.04, 0, 2, 6, 0, 0, 0.16];
        var e = RadialSpectrum.BandErrors(residual, target, 3);
        Assert.Equal(0.1, e[0], 12);
        Assert.Equal(Math.Sqrt(2), e[1], 12);
        Assert.Equal(0.2, e[2], 12);
    }

    [Fact]
    public void DirectionsAreSeededUnitVectors()
    {
        var a = RadialSpectrum.RandomDirections(10, 50, 3);
        Assert.Equal(a, RadialSpectrum.RandomDirections(10, 50, 3));
        Assert.NotEqual(a[0], RadialSpectrum.RandomDirections(10, 50, 4)[0]);
        Assert.All(a, u => Assert.Equal(1.0, Math.Sqrt(u.Sum(v => v * v)), 12));
        // Uniform on the sphere: each coordinate has mean 0 and mean square 1/d.
        var many = RadialSpectrum.RandomDirections(10, 4000, 1);
        Assert.InRange(many.Average(u => u[3]), -0.03, 0.03);
        Assert.InRange(many.Average(u => u[3] * u[3]), 0.09, 0.11);
    }

    [Fact]
    public void TheSplitIsSeededDisjointAndLabelledByTheProduct()
    {
        var data = new ParityDataConfig { Dimension = 8, Points = 100, TrainFraction = 0.3 };
        var s = ParitySplit.Create(data, 4);
        Assert.Equal((30, 70), (s.Train.Length, s.Test.Length));
        Assert.Equal(100, s.Train.Concat(s.Test).Select(p => string.Join(",", p)).Distinct().Count());
        Assert.All(s.Train.Zip(s.TrainLabels), t => Assert.Equal(t.First.Aggregate(1.0, (a, b) => a * b), t.Second));
        Assert.Equal(s.Train, ParitySplit.Create(data, 4).Train);
        Assert.NotEqual(s.Train, ParitySplit.Create(data, 5).Train);
        Assert.Equal(0.75, ParitySplit.MajorityFraction([1, 1, -1, 1]));
    }
}
