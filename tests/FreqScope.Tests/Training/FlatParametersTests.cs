using FreqScope.Core;
using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;
using FreqScope.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class FlatParametersTests
{
    public FlatParametersTests() => NativeLoader.EnsureLoaded();

    private static Mlp Net(int seed)
    {
        manual_seed(seed);
        return new Mlp(1, [24, 16], 1, Activation.Tanh);
    }

    private static float[] Values(Mlp model) => model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Fact]
    public void PackingKeepsValuesAndShapesAndSharesTheBuffersStorage()
    {
        using var model = Net(3);
        var before = Values(model);
        var shapes = model.parameters().Select(p => p.shape).ToList();
        var flat = FlatParameters.TryPack(model.parameters())!;
        Assert.NotNull(flat);
        Assert.Equal(before, Values(model));
        Assert.Equal(shapes, model.parameters().Select(p => p.shape).ToList());
        Assert.Equal(before, flat.Buffer.data<float>().ToArray());
        Assert.All(model.parameters(), p => Assert.True(p.is_leaf && p.requires_grad));
        // Writing the buffer writes the parameters.
        using (no_grad()) flat.Buffer.mul_(2.0);
        Assert.Equal(before.Select(v => v * 2).ToArray(), Values(model));
    }

    [Fact]
    public void BackwardFillsTheBufferGradientWithEveryParametersGradient()
    {
        using var model = Net(4);
        using var reference = Net(4);
        var flat = FlatParameters.TryPack(model.parameters())!;
        using var x = linspace(-1, 1, 33).reshape(33, 1);
        using var y = sin(3 * x);
        using (var scope = NewDisposeScope()) nn.functional.mse_loss(model.forward(x), y).backward();
        // Independently: autograd.grad of the same loss on an unpacked copy.
        using var scope2 = NewDisposeScope();
        var grads = autograd.grad([nn.functional.mse_loss(reference.forward(x), y)], reference.parameters().Cast<Tensor>().ToList());
        var expected = grads.SelectMany(g => g.data<float>().ToArray()).ToArray();
        var got = flat.Buffer.grad!.data<float>().ToArray();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], 1e-6f);
    }

    public static TheoryData<OptimizerKind, double, double, bool, double> Optimizers => new()
    {
        { OptimizerKind.Adam, 1e-3, 0, false, 0 },
        { OptimizerKind.Adam, 1e-3, 0, false, 1e-2 },
        { OptimizerKind.Sgd, 1e-2, 0.9, true, 1e-3 },
        { OptimizerKind.Sgd, 1e-2, 0, false, 0 },
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void PackedOptimizerFollowsThePerTensorOptimizerStepForStep(OptimizerKind kind, double lr, double momentum, bool nesterov, double weightDecay)
    {
        using var packed = Net(5);
        using var separate = Net(5);
        using var x = linspace(-Math.PI, Math.PI, 51).reshape(51, 1);
        using var y = sin(x) + sin(5 * x);
        using var fused = OptimizerFactory.Create(kind, lr, momentum, nesterov, 0.9, 0.999, weightDecay, packed.parameters());
        // The peer: TorchSharp's optimizer over the separate tensors, as before packing existed.
        using optim.Optimizer perTensor = kind == OptimizerKind.Adam
            ? optim.Adam(separate.parameters(), lr, 0.9, 0.999, weight_decay: weightDecay)
            : optim.SGD(separate.parameters(), lr, momentum, dampening: 0, weight_decay: weightDecay, nesterov: nesterov);
        Assert.Single(fused.ParamGroups.Cast<ParamGroup>().Single().Parameters);
        for (int step = 0; step < 200; step++)
        {
            foreach (var (model, opt) in new (Mlp, optim.Optimizer)[] { (packed, fused), (separate, perTensor) })
            {
                using var scope = NewDisposeScope();
                opt.zero_grad();
                nn.functional.mse_loss(model.forward(x), y).backward();
                opt.step();
            }
        }
        var a = Values(packed);
        var b = Values(separate);
        Assert.NotEqual(Values(Net(5)), a); // it trained
        double worst = a.Zip(b, (p, q) => Math.Abs(p - q)).Max();
        Assert.True(worst <= 1e-6, $"largest difference {worst}");
    }

    [Fact]
    public void NothingIsPackedForOneTensorOrMixedDtypes()
    {
        using var one = new Parameter(zeros(3));
        Assert.Null(FlatParameters.TryPack([one]));
        using var a = new Parameter(zeros(3));
        using var b = new Parameter(zeros(3, dtype: float64));
        Assert.Null(FlatParameters.TryPack([a, b]));
        using var frozen = new Parameter(zeros(2), requires_grad: false);
        using var c = new Parameter(ones(2));
        using var d = new Parameter(ones(4));
        var flat = FlatParameters.TryPack([frozen, c, d])!;
        Assert.Equal(6, flat.Buffer.numel());
        Assert.Equal(2, flat.Packed.Count);
    }
    [Fact]
    public void LoadingSavedWeightsKeepsTheParametersInTheBuffer()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            using var source = Net(6);
            var file = Path.Combine(dir, "model.bin");
            source.save(file);
            using var model = Net(7);
            var flat = FlatParameters.TryPack(model.parameters())!;
            model.load(file);
            Assert.Equal(Values(source), Values(model));
            Assert.Equal(Values(source), flat.Buffer.data<float>().ToArray());
            using (no_grad()) flat.Buffer.add_(1.0);
            Assert.Equal(Values(source).Select(v => v + 1).ToArray(), Values(model));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
