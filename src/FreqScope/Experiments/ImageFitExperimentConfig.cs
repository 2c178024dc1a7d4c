using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The resolved configuration of the <c>image-fit</c> experiment: an MLP (plain or behind a Fourier-feature
/// encoding) fits a grey image as a function of (x, y) = (j/W, i/H) on the pixels with i and j both even, is tested
/// on the other three quarters, and the 2-D DFT of its prediction is compared with the image's in radial bands.
/// Produced by <see cref="ImageFitConfigLoader"/> with every default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record ImageFitExperimentConfig : IExperimentConfig
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string ImageFit = "image-fit";

    /// <summary>Always <c>"image-fit"</c>.</summary>
    public string Experiment { get; init; } = ImageFit;

    /// <summary>Run name: non-empty, only <c>[A-Za-z0-9._-]</c>. Default <c>"image-fit"</c>.</summary>
    public string Name { get; init; } = ImageFit;

    /// <summary>Seed of the initialization and of a Gaussian encoding's frequencies. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> or <c>"auto"</c>. Default <c>"cpu"</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The image.</summary>
    public ImageSourceConfig Image { get; init; } = new();

    /// <summary>The network 2 → hidden → 1, with fit1d's model keys.</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Training.</summary>
    public ImageFitTrainingConfig Training { get; init; } = new();

    /// <summary>Probes.</summary>
    public ImageFitProbeConfig Probe { get; init; } = new();
}
