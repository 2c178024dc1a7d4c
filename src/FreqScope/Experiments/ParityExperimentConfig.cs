using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The resolved configuration of the <c>parity</c> experiment (Xu et al. 2019, "Frequency Principle"): an MLP with d
/// inputs trained on the d-bit parity y(x) = Π_j x_j of points of {−1, 1}^d, split into a training and a test set;
/// train and test accuracy are recorded with the radially averaged spectrum of the target and of the network's output
/// on the training points. Produced by <see cref="ParityConfigLoader"/> with every default filled in; see
/// <c>docs/config.md</c>.
/// </summary>
public sealed record ParityExperimentConfig : IExperimentConfig
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string Parity = "parity";

    /// <summary>Always <c>"parity"</c>.</summary>
    public string Experiment { get; init; } = Parity;

    /// <summary>Run name: non-empty, only <c>[A-Za-z0-9._-]</c>. Default <c>"parity"</c>.</summary>
    public string Name { get; init; } = Parity;

    /// <summary>Seed of the points, the split, the network, the mini-batch order and the spectrum's directions. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> or <c>"auto"</c>. Default <c>"cpu"</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The cube, its points and the train/test split.</summary>
    public required ParityDataConfig Data { get; init; }

    /// <summary>The MLP d → hidden → 1 (its <c>encoding</c> must be <c>none</c>: encodings are 1-D).</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Optimizer, batch size and steps.</summary>
    public required ParityTrainingConfig Training { get; init; }

    /// <summary>When and on which shells the spectra are recorded.</summary>
    public required ParityProbeConfig Probe { get; init; }
}
