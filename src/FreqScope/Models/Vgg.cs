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
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var plan = Plan(depth, widthMultiplier, height, width);
        Depth = depth;
        WidthMultiplier = widthMultiplier;
        BatchNorm = batchNorm;
        Classes = classes;

        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int inChannels = channels;
        foreach (var layer in plan)
        {
            if (layer.Pool)
            {
                layers.Add((layers.Count.ToString(), nn.MaxPool2d(2, 2)));
                continue;
            }

            layers.Add((layers.Count.ToString(), nn.Conv2d(inChannels, layer.Channels, 3, padding: 1)));
            if (batchNorm) layers.Add((layers.Count.ToString(), nn.BatchNorm2d(layer.Channels)));
            layers.Add((layers.Count.ToString(), nn.ReLU(inplace: true)));
            inChannels = layer.Channels;
        }

        ConvChannels = [.. plan.Where(l => !l.Pool).Select(l => l.Channels)];
        PoolCount = plan.Count(l => l.Pool);
        _features = nn.Sequential(layers);
        _pool = nn.AdaptiveAvgPool2d(1);
        _classifier = nn.Linear(inChannels, classes);
        RegisterComponents();
    }

    /// <summary>
    /// The feature layers a VGG of <paramref name="depth"/> and <paramref name="widthMultiplier"/> has for
    /// <paramref name="height"/> × <paramref name="width"/> inputs, in order: each convolution (3×3, padding 1) or
    /// 2×2 max-pool with the channels, height and width of its output. What the constructor builds, and what the
    /// memory preflight counts without building anything.
    /// </summary>
    /// <exception cref="ArgumentException">The depth is not 11 or 16, or the multiplier is not a finite number &gt; 0.</exception>
    public static IReadOnlyList<(bool Pool, int Channels, int Height, int Width)> Plan(int depth, double widthMultiplier, int height, int width)
    {
        var config = depth switch
        {
            11 => ConfigA,
            16 => ConfigD,
            _ => throw new ArgumentException($"VGG depth must be 11 or 16; got {depth}", nameof(depth)),
        };
        if (!(widthMultiplier > 0) || double.IsInfinity(widthMultiplier))
            throw new ArgumentException($"VGG width multiplier must be a finite number > 0; got {widthMultiplier}", nameof(widthMultiplier));
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var plan = new List<(bool, int, int, int)>();
        int channels = 0, h = height, w = width;
        foreach (int c in config)
        {
            if (c == Pool)
            {
                if (h / 2 < 1 || w / 2 < 1) continue;
                h /= 2;
                w /= 2;
                plan.Add((true, channels, h, w));
                continue;
            }

            channels = Scale(c, widthMultiplier);
            plan.Add((false, channels, h, w));
        }

        return plan;
    }

    /// <summary>
    /// What a VGG of this configuration holds without building it: its trainable scalars (each convolution's 9·in·out
    /// weights and out biases, BatchNorm's 2·out, the classifier's) and the values one input leaves in each layer the
    /// backward pass keeps (every convolution's output, and BatchNorm's when enabled, the pools', the logits).
    /// </summary>
    public static (double Parameters, IReadOnlyList<int> LayerValues) Count(int depth, double widthMultiplier, bool batchNorm, int channels, int height, int width, int classes)
    {
        double parameters = 0;
        var values = new List<int>();
        int inChannels = channels;
        foreach (var layer in Plan(depth, widthMultiplier, height, width))
        {
            int size = layer.Channels * layer.Height * layer.Width;
            values.Add(size);
            if (layer.Pool) continue;
            parameters += 9.0 * inChannels * layer.Channels + layer.Channels + (batchNorm ? 2.0 * layer.Channels : 0);
            if (batchNorm) values.Add(size);
            inChannels = layer.Channels;
        }

        values.Add(classes);
        return (parameters + (inChannels + 1.0) * classes, values);
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
