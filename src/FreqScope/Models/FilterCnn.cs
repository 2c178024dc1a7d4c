using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>
/// The small CNN of Xu et al.'s filtering method: conv C→32 3×3 (no padding), ReLU, conv 32→64 3×3 (no padding),
/// ReLU, max-pool 2, flatten, Linear(64·⌊(H−4)/2⌋·⌊(W−4)/2⌋ → 400), ReLU, Linear(400 → classes).
/// Input (N, C, H, W), output the logits (N, classes). Every layer keeps PyTorch's default initialization.
/// </summary>
public sealed class FilterCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1;
    private readonly Conv2d _conv2;
    private readonly MaxPool2d _pool;
    private readonly Linear _fc1;
    private readonly Linear _fc2;

    /// <summary>Input channels (1 for MNIST, 3 for CIFAR-10).</summary>
    public int Channels { get; }

    /// <summary>Input height in pixels.</summary>
    public int Height { get; }

    /// <summary>Input width in pixels.</summary>
    public int Width { get; }

    /// <summary>Number of classes (outputs).</summary>
    public int Classes { get; }

    /// <summary>Width of the flattened feature vector fed to the first linear layer: 64·⌊(H−4)/2⌋·⌊(W−4)/2⌋.</summary>
    public int FlatFeatures { get; }

    /// <param name="channels">Input channels, ≥ 1.</param>
    /// <param name="height">Input height, ≥ 6 (two valid 3×3 convolutions and a 2×2 pool must leave at least one pixel).</param>
    /// <param name="width">Input width, ≥ 6.</param>
    /// <param name="classes">Number of classes, ≥ 1.</param>
    public FilterCnn(int channels, int height, int width, int classes) : base(nameof(FilterCnn))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (height < 6 || width < 6)
            throw new ArgumentException($"FilterCnn needs images of at least 6×6 pixels (two 3×3 convolutions and a 2×2 pool); got {height}×{width}");
        Channels = channels;
        Height = height;
        Width = width;
        Classes = classes;
        FlatFeatures = 64 * ((height - 4) / 2) * ((width - 4) / 2);
        _conv1 = nn.Conv2d(channels, 32, 3);
        _conv2 = nn.Conv2d(32, 64, 3);
        _pool = nn.MaxPool2d(2);
        _fc1 = nn.Linear(FlatFeatures, 400);
        _fc2 = nn.Linear(400, classes);
        RegisterComponents();
    }

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// What the network holds for <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>
    /// inputs without building it: its trainable scalars and the values one input leaves in each layer the backward
    /// pass keeps (both convolutions' outputs, the pool's, the hidden layer's, the logits).
    /// </summary>
    public static (double Parameters, IReadOnlyList<int> LayerValues) Count(int channels, int height, int width, int classes)
    {
        int flat = 64 * ((height - 4) / 2) * ((width - 4) / 2);
        double parameters = (9.0 * channels * 32 + 32) + (9.0 * 32 * 64 + 64) + (flat + 1.0) * 400 + 401.0 * classes;
        return (parameters, [32 * (height - 2) * (width - 2), 64 * (height - 4) * (width - 4), flat, 400, classes]);
    }

    /// <summary>Logits (N, classes) for images (N, C, H, W).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = _conv1.forward(input).relu_();
        h = _conv2.forward(h).relu_();
        h = _pool.forward(h).flatten(1);
        h = _fc1.forward(h).relu_();
        return _fc2.forward(h).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _conv1.Dispose();
            _conv2.Dispose();
            _pool.Dispose();
            _fc1.Dispose();
            _fc2.Dispose();
        }
        base.Dispose(disposing);
    }
}
