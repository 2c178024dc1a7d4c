using FreqScope.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>
/// A fully connected network: Linear → activation for each hidden width, then a final Linear.
/// Layers are named <c>layer0</c>, <c>layer1</c>, …, so checkpoints are readable from PyTorch-like tools.
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> _layers;
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Widths of every layer's input and output, e.g. [1, 200, 200, 1].</summary>
    public IReadOnlyList<int> Widths { get; }

    public Activation Activation { get; }

    public Mlp(int inputDim, IReadOnlyList<int> hidden, int outputDim, Activation activation) : base(nameof(Mlp))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDim, 1);
        var widths = new List<int> { inputDim };
        widths.AddRange(hidden);
        widths.Add(outputDim);
        Widths = widths;
        Activation = activation;
        _layers = new ModuleList<Linear>();
        for (int i = 0; i < widths.Count - 1; i++)
            _layers.Add(nn.Linear(widths[i], widths[i + 1]));
        _activation = ActivationFunctions.Get(activation);
        RegisterComponents();
    }

    /// <summary>The linear layers, input side first.</summary>
    public IReadOnlyList<Linear> Layers => [.. _layers];

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    public override Tensor forward(Tensor input)
    {
        var h = input;
        for (int i = 0; i < _layers.Count - 1; i++)
            h = _activation(_layers[i].forward(h));
        return _layers[^1].forward(h);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _layers.Dispose();
        base.Dispose(disposing);
    }
}
