using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The resolved configuration of the <c>classify</c> experiment: train an image classifier (MLP, CNN or VGG) on
/// MNIST, Fashion-MNIST or CIFAR-10 and measure, epoch by epoch, how its output approaches the labels at low and high
/// frequencies (the filtering and projection methods of Xu et al.). Produced by <see cref="ClassifyConfigLoader"/>
/// with every default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record ClassifyExperimentConfig : IExperimentConfig
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string Classify = "classify";

    /// <summary>Always <c>"classify"</c>.</summary>
    public string Experiment { get; init; } = Classify;

    /// <summary>Run name: non-empty, only <c>[A-Za-z0-9._-]</c>. Default <c>"classify"</c>.</summary>
    public string Name { get; init; } = Classify;

    /// <summary>Seed for every random choice (subsets, initialization, batches, random directions). Default 0.</summary>
    public long Seed { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> or <c>"auto"</c>. Default <c>"cpu"</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The dataset.</summary>
    public required ImageDataConfig Data { get; init; }

    /// <summary>The classifier.</summary>
    public required ClassifierModelConfig Model { get; init; }

    /// <summary>Loss, optimizer and schedule.</summary>
    public ClassifyTrainingConfig Training { get; init; } = new();

    /// <summary>Filtering and projection probes.</summary>
    public required ClassifyProbeConfig Probe { get; init; }
}
