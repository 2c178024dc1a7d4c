using System.Numerics;
using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Experiments.FourierFeatures;

namespace FreqScope.Tests.Experiments;

public sealed class FourierAnalysisTests
{
    private static FourierExperimentConfig Config(bool train = false, double sigmaA = 0.1) => new()
    {
        Target = new TargetConfig { Kind = TargetKind.Sinusoids, FrequencyUnit = FrequencyUnit.Cycles, Terms = [new SinusoidTerm(1, 0.3, 0)] },
        Data = new FourierDataConfig { Domain = new(-10, 10), Points = 200 },
        Network = new FourierNetworkConfig { Width = 100, Density = new FrequencyDensityConfig { Kind = FrequencyDensityKind.Gaussian, Scale = 2 }, SigmaA = sigmaA, TrainFrequencies = train },
        Training = new FourierTrainingConfig { LearningRate = 0.2, Steps = 1000 },
        Probe = new FourierProbeConfig { MaxFrequency = 1.5, Nodes = 301 },
        Pde = new FrequencyPdeConfig(),
    };

    [Fact]
    public void TheConstantsFollowTheDerivation()
    {
        Assert.Equal(0.2 / 20, FourierAnalysis.RateConstant(Config()), 15);
        Assert.Equal(0, FourierAnalysis.Diffusion(Config(train: false, sigmaA: 0.5)));
        Assert.Equal(0.25 / (4 * Math.PI * Math.PI), FourierAnalysis.Diffusion(Config(train: true, sigmaA: 0.5)), 15);
        // ρ in cycles is a probability density: it integrates to 1.
        var rho = FourierAnalysis.CyclesDensity(Config());
        double integral = 0;
        for (int i = -3000; i <= 3000; i++) integral += rho(i * 1e-3) * 1e-3;
        Assert.Equal(1, integral, 6);
    }

    [Fact]
    public void WithoutDiffusionEachFrequencyDecaysAtItsOwnRate()
    {
        var c = Config();
        var xi = FourierAnalysis.HalfGrid(c.Probe);
        // A smooth initial spectrum, even real part and odd imaginary part as for a real residual.
        var initial = xi.Select(v => new Complex(Math.Exp(-v * v), v * Math.Exp(-v * v))).ToArray();
        long[] steps = [0, 100, 400];
        var solved = FourierAnalysis.SolvePde(c, c.Pde!, initial, steps, diffusion: true);
        var rho = FourierAnalysis.CyclesDensity(c);
        double rate = FourierAnalysis.RateConstant(c);
        for (int t = 0; t < steps.Length; t++)
            for (int i = 0; i < xi.Length; i += 10)
            {
                var expected = initial[i] * Math.Exp(-rate * rho(xi[i]) * steps[t]);
                Assert.True((solved[t][i] - expected).Magnitude < 1e-4 * initial[i].Magnitude + 1e-12, $"t = {steps[t]}, ξ = {xi[i]}");
            }
    }

    [Fact]
    public void NormsCountTheMirroredHalfTwice()
    {
        Complex[] half = [new(1, 0), new(0, 2), new(3, 0)];
        Assert.Equal(1 + 2 * 4 + 2 * 9, FourierAnalysis.SquaredNorm(half), 12);
        Assert.Equal(2 * 4, FourierAnalysis.SquaredDistance(half, [new(1, 0), new(0, 0), new(3, 0)]), 12);
        Assert.Equal(0, FourierAnalysis.OverTraining([half, half], [half, half]));
        Assert.Equal(1, FourierAnalysis.OverTraining([half], [new Complex[3]]), 12);
    }

    [Fact]
    public void PeaksThatConvergeTogetherHaveIndexZeroAndAnOrderGivesPlusOrMinusOne()
    {
        Assert.Equal(0, FourierAnalysis.Index([0.2, 0.4, 0.6], [240, 240, 240]));
        Assert.Equal(1, FourierAnalysis.Index([0.2, 0.4, 0.6], [100, 200, 300])!.Value, 12);
        Assert.Equal(-1, FourierAnalysis.Index([0.2, 0.4, 0.6], [null, 300, 200])!.Value, 12);
        Assert.Null(FourierAnalysis.Index([0.2, 0.4], [null, null]));
        Assert.Contains("converged together at step 240", FourierAnalysis.Verdict([0.2, 0.4], [240, 240], 0));
        Assert.Contains("in the order 0.4, 0.2", FourierAnalysis.Verdict([0.2, 0.4], [300, 200], -1));
        Assert.Contains("0.6 did not converge", FourierAnalysis.Verdict([0.2, 0.6], [200, null], 1));
    }

    [Fact]
    public void PeaksAreTheTargetsLocalMaximaAboveTheThreshold()
    {
        var xi = Enumerable.Range(0, 101).Select(i => i * 0.01).ToArray();
        var spectrum = xi.Select(v => new Complex(Math.Exp(-Math.Pow((v - 0.3) / 0.03, 2)) + 0.2 * Math.Exp(-Math.Pow((v - 0.7) / 0.03, 2)), 0)).ToArray();
        Assert.Equal([30, 70], FourierAnalysis.Peaks(spectrum, 0.1));
        Assert.Equal([30], FourierAnalysis.Peaks(spectrum, 0.3));
    }
}
