using FreqScope.Core;
using FreqScope.Experiments;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using FreqScope.Experiments.Fit1d;
using static TorchSharp.torch;

namespace FreqScope.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class EnsembleMlpTests
{
    public EnsembleMlpTests() => NativeLoader.EnsureLoaded();

    [Fact]
    public void EachMemberStartsBitIdenticalToTheFactorysNetwork()
    {
        ModelConfig[] models =
        [
            new() { Hidden = [20, 10] },
            new() { Hidden = [12, 10], WeightInit = new InitConfig { Distribution = InitDistribution.Normal, Std = 0.3 } },
            new() { Hidden = [20, 4], BiasInit = new InitConfig { Distribution = InitDistribution.Zeros } },
        ];
        using var ensemble = new EnsembleMlp(models, [5, 6, 7]);
        Assert.Equal([1, 20, 10, 1], ensemble.Widths);
        Assert.True(ensemble.HasPadding);
        for (int k = 0; k < 3; k++)
        {
            using var single = (Mlp)NetworkFactory.Create(models[k], 5 + k);
            using var member = ensemble.ExtractMember(k);
            for (int l = 0; l < single.Layers.Count; l++)
            {
                Assert.Equal(single.Layers[l].weight!.data<float>().ToArray(), member.Layers[l].weight!.data<float>().ToArray());
                Assert.Equal(single.Layers[l].bias!.data<float>().ToArray(), member.Layers[l].bias!.data<float>().ToArray());
            }
        }

        // Everything outside a member's own block is zero.
        using var w1 = ensemble.Weights[1][1].narrow(0, 12, 8).abs().sum();
        using var w2 = ensemble.Weights[1][2].narrow(1, 4, 6).abs().sum();
        Assert.Equal(0f, w1.item<float>());
        Assert.Equal(0f, w2.item<float>());
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Gelu)]
    [InlineData(Activation.Sin)]
    [InlineData(Activation.LeakyRelu)]
    public void PaddedUnitsStayZeroAndMembersComputeTheirOwnNetwork(Activation activation)
    {
        // sigmoid(0) and softplus(0) are not zero: only masked gradients keep the padded weights at zero.
        ModelConfig[] models = [new() { Hidden = [16, 8], Activation = activation }, new() { Hidden = [6, 3], Activation = activation }];
        using var ensemble = new EnsembleMlp(models, [0, 1]);
        double[] x = [.. Enumerable.Range(0, 40).Select(i => -2 + 0.1 * i)];
        double[] y = [.. x.Select(Math.Sin)];
        using var trainer = new EnsembleTrainer(ensemble, [x], [y],
            [new FitTrainingConfig { LearningRate = 1e-2, WeightDecay = 1e-2 }, new FitTrainingConfig { LearningRate = 1e-2, WeightDecay = 1e-2 }], CPU);
        for (int i = 0; i < 30; i++) trainer.Step();
        using var padded = ensemble.Weights[1][1].narrow(0, 6, 10).abs().sum();
        using var paddedOut = ensemble.Weights[2][1].narrow(0, 3, 5).abs().sum();
        using var paddedBias = ensemble.Biases[0][1].narrow(1, 6, 10).abs().sum();
        Assert.Equal(0f, padded.item<float>());
        Assert.Equal(0f, paddedOut.item<float>());
        Assert.Equal(0f, paddedBias.item<float>());

        using var xt = FitTrainer.ToColumn(x, CPU);
        var outputs = EnsembleTrainer.Predict(ensemble, xt);
        using var narrow = ensemble.ExtractMember(1);
        var alone = FitTrainer.Predict(narrow, xt);
        Assert.True(alone.Zip(outputs[1], (a, b) => Math.Abs(a - b)).Max() < 1e-5);
    }

    [Fact]
    public void ForwardTakesSharedOrPerMemberInputs()
    {
        using var ensemble = new EnsembleMlp([new ModelConfig { Hidden = [5] }, new ModelConfig { Hidden = [5] }], [0, 1]);
        using var shared = linspace(-1, 1, 7).reshape(7, 1);
        using var perMember = stack([shared, shared * 2]);
        using var a = ensemble.forward(shared);
        using var b = ensemble.forward(perMember);
        Assert.Equal([2L, 7, 1], a.shape);
        using var a0 = a[0];
        using var b0 = b[0];
        Assert.Equal(a0.data<float>().ToArray(), b0.data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => ensemble.forward(zeros(3, 7, 1)));
    }

    [Fact]
    public void MembersThatCannotBeStackedAreRefusedByName()
    {
        var plain = new ModelConfig { Hidden = [8, 8] };
        var e1 = Assert.Throws<ArgumentException>(() => new EnsembleMlp([plain, plain with { Hidden = [8] }], [0, 1]));
        Assert.Contains("hidden layers", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new EnsembleMlp([plain, plain with { Activation = Activation.Relu }], [0, 1]));
        Assert.Contains("activation", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => new EnsembleMlp([plain, plain with { Encoding = new EncodingConfig { Kind = InputEncodingKind.Basic } }], [0, 1]));
        Assert.Contains("encoding", e3.Message);
    }
}
