using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The resolved configuration of the <c>classify</c> experiment: train an image classifier (MLP, CNN or VGG) on
/// MNIST, Fashion-MNIST or CIFAR-10 and measure, epoch by epoch, how its output approaches the labels at low and high
/// frequencies (the filtering and projection methods of Xu et al., and the interpolation-path spectrum), every
/// default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record ClassifyExperimentConfig() : ExperimentConfig(Classify)
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string Classify = "classify";

    /// <summary>The dataset.</summary>
    public required ImageDataConfig Data { get; init; }

    /// <summary>The classifier.</summary>
    public required ClassifierModelConfig Model { get; init; }

    /// <summary>Loss, optimizer and schedule.</summary>
    public ClassifyTrainingConfig Training { get; init; } = new();

    /// <summary>Filtering, projection and path probes (at least one).</summary>
    [Missing("at least one of filtering and projection")]
    public required ClassifyProbeConfig Probe { get; init; }
}
