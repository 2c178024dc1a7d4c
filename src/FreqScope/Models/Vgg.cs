using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>
/// A CIFAR-style VGG (as in kuangliu/pytorch-cifar): configuration A (VGG-11) or D (VGG-16) of Simonyan &amp;
/// Zisserman, every convolution 3×3 with padding 1 (followed by BatchNorm2d when enabled) and ReLU, 2×2 max-pools
/// between the blocks, then an adaptive average pool to 1×1, flatten and a single Linear(last channels → classes).
/// Channel counts are max(1, round(c·w)) for the width multiplier w (round half to even). A max-pool that would
/// shrink the feature map below 1×1 is left out, so small inputs work: 28×28 gives 28→14→7→3→1 and the fifth pool
/// is skipped. Every layer keeps PyTorch's default initialization. Input (N, C, H, W), output logits (N, classes).
/// </summary>
public sealed class Vgg : nn.Module<Tensor, Tensor>
{
    private const int Pool = -1; // a 2×2 max-pool in the configurations below

    private static readonly int[] ConfigA = [64, Pool, 128, Pool, 256, 256, Pool, 512, 512, Pool, 512, 512, Pool];
    private static readonly int[] ConfigD = [64, 64, Pool, 128, 128, Pool, 256, 256, 256, Pool, 512, 512, 512, Pool, 512, 512, 512, Pool];

    private readonly Sequential _features;
    private readonly AdaptiveAvgPool2d _pool;
    private readonly Linear _classifier;

    /// <summary>11 or 16.</summary>
    public int Depth { get; }

    /// <summary>The width multiplier w.</summary>
    public double WidthMultiplier { get; }

    /// <summary>Whether each convolution is followed by BatchNorm2d.</summary>
    public bool BatchNorm { get; }

    /// <summary>Output channels of each convolution, input side first (after the width multiplier).</summary>
    public IReadOnlyList<int> ConvChannels { get; }

    /// <summary>How many 2×2 max-pools the network applies (5 for 32×32 inputs, 4 for 28×28).</summary>
    public int PoolCount { get; }

    /// <summary>Number of classes (outputs).</summary>
    public int Classes { get; }

    /// <param name="depth">11 (configuration A) or 16 (configuration D).</param>
    /// <param name="widthMultiplier">w &gt; 0; every layer has max(1, round(c·w)) channels.</param>
    /// <param name="batchNorm">Insert BatchNorm2d after every convolution.</param>
    /// <param name="channels">Input channels, ≥ 1.</param>
    /// <param name="height">Input height, ≥ 1.</param>
    /// <param name="width">Input width, ≥ 1.</param>
    /// <param name="classes">Number of classes, ≥ 1.</param>
    public Vgg(int depth, double widthMultiplier, bool batchNorm, int channels, int height, int width, int classes) : base(nameof(Vgg))
    {
        var config = depth switch
        {
            11 => ConfigA,
            16 => ConfigD,
            _ => throw new ArgumentException($"VGG depth must be 11 or 16; got {depth}", nameof(depth)),
        };
        if (!(widthMultiplier > 0) || double.IsInfinity(widthMultiplier))
            throw new ArgumentException($"VGG width multiplier must be a finite number > 0; got {widthMultiplier}", nameof(widthMultiplier));
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        Depth = depth;
        WidthMultiplier = widthMultiplier;
        BatchNorm = batchNorm;
        Classes = classes;

        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var convChannels = new List<int>();
        int inChannels = channels, h = height, w = width, pools = 0;
        foreach (int c in config)
        {
            if (c == Pool)
            {
                if (h / 2 < 1 || w / 2 < 1) continue;
                layers.Add((layers.Count.ToString(), nn.MaxPool2d(2, 2)));
                h /= 2;
                w /= 2;
                pools++;
                continue;
            }
            int outChannels = Scale(c, widthMultiplier);
            layers.Add((layers.Count.ToString(), nn.Conv2d(inChannels, outChannels, 3, padding: 1)));
            if (batchNorm) layers.Add((layers.Count.ToString(), nn.BatchNorm2d(outChannels)));
            layers.Add((layers.Count.ToString(), nn.ReLU(inplace: true)));
            convChannels.Add(outChannels);
            inChannels = outChannels;
        }
        ConvChannels = convChannels;
        PoolCount = pools;
        _features = nn.Sequential(layers);
        _pool = nn.AdaptiveAvgPool2d(1);
        _classifier = nn.Linear(inChannels, classes);
        RegisterComponents();
    }

    /// <summary>max(1, round(c·w)), the channel count of a layer with c channels at width multiplier w.</summary>
    public static int Scale(int channels, double widthMultiplier) =>
        Math.Max(1, (int)Math.Round(channels * widthMultiplier, MidpointRounding.ToEven));

    /// <summary>Number of trainable scalars (BatchNorm running statistics are buffers, not counted).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Logits (N, classes) for images (N, C, H, W).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = _pool.forward(_features.forward(input)).flatten(1);
        return _classifier.forward(h).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _features.Dispose();
            _pool.Dispose();
            _classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
