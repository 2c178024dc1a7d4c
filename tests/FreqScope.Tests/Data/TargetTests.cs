using FreqScope.Experiments.Fit1d;
using FreqScope.Core;
using FreqScope.Data;
using FreqScope.Experiments;
using Xunit;

namespace FreqScope.Tests.Data;

public sealed class TargetTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(-2.9)]
    public void SinusoidsAngular(double x)
    {
        var f = new SinusoidsTarget([new SinusoidTerm(1, 1, 0), new SinusoidTerm(1, 3, 0), new SinusoidTerm(1, 5, 0)], FrequencyUnit.Angular);
        Assert.Equal(Math.Sin(x) + Math.Sin(3 * x) + Math.Sin(5 * x), f.Evaluate(x), 14);
        Assert.Equal("sin(x) + sin(3x) + sin(5x)", f.Describe());
    }

    [Fact]
    public void SinusoidsCyclesUseTwoPiF()
    {
        var f = new SinusoidsTarget([new SinusoidTerm(2, 5, 0.3), new SinusoidTerm(-0.5, 10, 0)], FrequencyUnit.Cycles);
        const double x = 0.13;
        Assert.Equal(2 * Math.Sin(2 * Math.PI * 5 * x + 0.3) - 0.5 * Math.Sin(2 * Math.PI * 10 * x), f.Evaluate(x), 14);
        Assert.Equal(0.5 * Math.Sin(0.3) * 4, f.Evaluate(0), 14);
        // one period is 1/5: the value repeats
        Assert.Equal(f.Evaluate(0.37), f.Evaluate(0.37 + 1.0 / 5 * 2) - 0, 10);
        Assert.Equal("2·sin(2π·5x + 0.3) + -0.5·sin(2π·10x)", f.Describe());
    }

    [Fact]
    public void SquareWave()
    {
        var f = new SquareWaveTarget(2, FrequencyUnit.Angular, 3, 0);
        Assert.Equal(3, f.Evaluate(0.25));     // sin(0.5) > 0
        Assert.Equal(-3, f.Evaluate(2));       // sin(4) < 0
        Assert.Equal(0, f.Evaluate(0));        // sign(0) = 0
        var g = new SquareWaveTarget(1, FrequencyUnit.Cycles, 1, 0);
        Assert.Equal(1, g.Evaluate(0.25));
        Assert.Equal(-1, g.Evaluate(0.75));
        Assert.Equal(1, g.Evaluate(1.1));
        var shifted = new SquareWaveTarget(1, FrequencyUnit.Cycles, 1, Math.PI); // sin(2πx + π) = −sin(2πx)
        Assert.Equal(-1, shifted.Evaluate(0.25));
        Assert.Equal(1, shifted.Evaluate(0.75));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SquareWaveTarget(0, FrequencyUnit.Angular, 1, 0));
    }

    [Theory]
    [InlineData(0.0, -1.0)]
    [InlineData(0.125, -0.5)]
    [InlineData(0.25, 0.0)]
    [InlineData(0.375, 0.5)]
    [InlineData(0.5, -1.0)]
    [InlineData(-0.125, 0.5)]
    public void SawtoothInCycles(double x, double expected)
    {
        var f = new SawtoothTarget(2, FrequencyUnit.Cycles, 1, 0);
        Assert.Equal(expected, f.Evaluate(x), 14);
        Assert.Equal(3 * expected, new SawtoothTarget(2, FrequencyUnit.Cycles, 3, 0).Evaluate(x), 14);
    }

    [Fact]
    public void SawtoothAngularAndPhase()
    {
        var angular = new SawtoothTarget(2 * Math.PI, FrequencyUnit.Angular, 1, 0);
        Assert.Equal(1, angular.CyclesPerUnit, 15);
        Assert.Equal(-0.5, angular.Evaluate(0.25), 14);
        var half = new SawtoothTarget(1, FrequencyUnit.Cycles, 1, Math.PI); // shifted by half a period
        Assert.Equal(0, half.Evaluate(0), 14);
        Assert.Equal(0.5, half.Evaluate(0.25), 14);
        Assert.True(half.Evaluate(0.4999) > 0.99);
        Assert.Equal(-1, half.Evaluate(0.5), 14);
    }

    [Fact]
    public void GaussianBumps()
    {
        var f = new GaussianBumpsTarget([new GaussianBump(0.5, 0.1, 2), new GaussianBump(-1, 0.5, -1)]);
        Assert.Equal(2 - Math.Exp(-1.5 * 1.5 / (2 * 0.25)), f.Evaluate(0.5), 14);
        Assert.Equal(2 * Math.Exp(-0.5) - Math.Exp(-1.6 * 1.6 / 0.5), f.Evaluate(0.6), 14);
        Assert.Equal(-1 + 2 * Math.Exp(-1.5 * 1.5 / 0.02), f.Evaluate(-1), 14);
        Assert.Throws<ArgumentException>(() => new GaussianBumpsTarget([new GaussianBump(0, 0, 1)]));
        Assert.Throws<ArgumentException>(() => new GaussianBumpsTarget([]));
    }

    [Fact]
    public void FactoryBuildsEachKind()
    {
        Assert.IsType<SinusoidsTarget>(TargetFactory.Create(new TargetConfig { Kind = TargetKind.Sinusoids, Terms = [new SinusoidTerm(1, 1, 0)] }, null));
        var square = Assert.IsType<SquareWaveTarget>(TargetFactory.Create(new TargetConfig { Kind = TargetKind.Square, Frequency = 3, Amplitude = 2, Phase = 0.1 }, null));
        Assert.Equal((3.0, 2.0, 0.1), (square.Frequency, square.Amplitude, square.Phase));
        var saw = Assert.IsType<SawtoothTarget>(TargetFactory.Create(new TargetConfig { Kind = TargetKind.Sawtooth, FrequencyUnit = FrequencyUnit.Cycles, Frequency = 4 }, null));
        Assert.Equal(4, saw.CyclesPerUnit);
        var bumps = Assert.IsType<GaussianBumpsTarget>(TargetFactory.Create(new TargetConfig { Kind = TargetKind.GaussianBumps, Bumps = [new GaussianBump(0, 1, 1)] }, null));
        Assert.Equal(1, bumps.Evaluate(0));
    }

    [Fact]
    public void DefaultExperimentTargetIsThreeSines()
    {
        var f = TargetFactory.Create(FitExperiment.LoadDefault().Target, null);
        Assert.Equal(Math.Sin(1.0) + Math.Sin(3.0) + Math.Sin(5.0), f.Evaluate(1), 14);
    }
}
