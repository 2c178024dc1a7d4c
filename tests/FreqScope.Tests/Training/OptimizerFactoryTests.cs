using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using FreqScope.Experiments.Fit1d;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class OptimizerFactoryTests
{
    public OptimizerFactoryTests() => NativeLoader.EnsureLoaded();

    private static readonly double[] Start = [1.0, -2.0, 0.5];
    private static readonly double[] Slope = [0.3, -1.5, 2.0];

    /// <summary>Steps on loss = Σ slope·p (gradient = slope) and returns p afterwards.</summary>
    private static double[] Run(Func<Parameter, optim.Optimizer> make, int steps, Action<optim.Optimizer, int>? before = null)
    {
        using var p = new Parameter(tensor(Start));
        using var c = tensor(Slope);
        using var opt = make(p);
        for (int i = 0; i < steps; i++)
        {
            before?.Invoke(opt, i);
            using var scope = NewDisposeScope();
            opt.zero_grad();
            (p * c).sum().backward();
            opt.step();
        }
        return p.data<double>().ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SgdWithMomentumMatchesPyTorchsUpdateRule(bool nesterov)
    {
        const double lr = 0.1, mu = 0.9;
        var p = Run(q => OptimizerFactory.Create(OptimizerKind.Sgd, lr, mu, nesterov, 0.9, 0.999, 0, [q]), 3);
        for (int j = 0; j < Start.Length; j++)
        {
            double x = Start[j], v = 0, g = Slope[j];
            for (int i = 0; i < 3; i++)
            {
                v = i == 0 ? g : mu * v + g;
                x -= lr * (nesterov ? g + mu * v : v);
            }
            Assert.Equal(x, p[j], 1e-12);
        }
    }

    [Fact]
    public void AdamsFirstStepMovesEachParameterByTheLearningRate()
    {
        // Bias-corrected m̂/√v̂ = g/|g| on the first step, so p ← p − lr·sign(g) (up to eps).
        var p = Run(q => OptimizerFactory.Create(OptimizerKind.Adam, 0.01, 0, false, 0.9, 0.999, 0, [q]), 1);
        for (int j = 0; j < Start.Length; j++) Assert.Equal(Start[j] - 0.01 * Math.Sign(Slope[j]), p[j], 1e-8);
    }

    [Fact]
    public void SetLearningRateChangesEveryStepThatFollows()
    {
        double[] rates = [0.5, 0.25, 0.0];
        var p = Run(q => OptimizerFactory.Create(OptimizerKind.Sgd, 1.0, 0, false, 0.9, 0.999, 0, [q]), 3,
            (opt, i) => OptimizerFactory.SetLearningRate(opt, rates[i]));
        for (int j = 0; j < Start.Length; j++) Assert.Equal(Start[j] - 0.75 * Slope[j], p[j], 1e-12);
        using var q = new Parameter(tensor(Start));
        using var opt = OptimizerFactory.Create(OptimizerKind.Adam, 0.001, 0, false, 0.9, 0.999, 0, [q]);
        OptimizerFactory.SetLearningRate(opt, 0.125);
        Assert.All(opt.ParamGroups, g => Assert.Equal(0.125, g.LearningRate));
    }

    [Fact]
    public void TrainingConfigOverloadUsesTheConfiguredOptimizer()
    {
        var config = new FitTrainingConfig { Optimizer = OptimizerKind.Sgd, LearningRate = 0.2, Momentum = 0 };
        var p = Run(q => OptimizerFactory.Create(config, [q]), 2);
        for (int j = 0; j < Start.Length; j++) Assert.Equal(Start[j] - 0.4 * Slope[j], p[j], 1e-12);
    }
}
