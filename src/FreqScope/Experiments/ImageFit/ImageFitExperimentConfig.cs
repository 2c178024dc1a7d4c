using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.ImageFit;

/// <summary>
/// The resolved configuration of the <c>image-fit</c> experiment: an MLP (plain or behind a Fourier-feature
/// encoding) fits a grey image as a function of (x, y) = (j/W, i/H) on the pixels with i and j both even, is tested
/// on the other three quarters, and the 2-D DFT of its prediction is compared with the image's in radial bands.
/// Every default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record ImageFitExperimentConfig() : ExperimentConfig(ImageFit), IConfigDefaults<ImageFitExperimentConfig>
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string ImageFit = "image-fit";

    /// <summary>The image. Default the generated 64 × 64 image.</summary>
    public ImageSourceConfig Image { get; init; } = new();

    /// <summary>The network (as fit1d's model; a Gaussian encoding maps the 2-D coordinates).</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Full-batch training.</summary>
    public ImageFitTrainingConfig Training { get; init; } = new();

    /// <summary>What is recorded.</summary>
    public ImageFitProbeConfig Probe { get; init; } = new();

    /// <summary>The probe interval defaults to at most the steps and may not exceed them; a PGM has no size of its own in the config.</summary>
    public ImageFitExperimentConfig WithDerivedDefaults(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var probe = Probe;
        if (root.At("probe.every") is { } every)
        {
            if (probe.Every < 1 || probe.Every > Training.Steps) throw every.OutOfRange($"an integer between 1 and training.steps = {Training.Steps}");
        }
        else
        {
            probe = probe with { Every = Math.Min(new ImageFitProbeConfig().Every, Training.Steps) };
        }

        var image = Image.Source == ImageSourceConfig.Pgm ? Image with { Size = 0 } : Image;
        return this with { Image = image, Probe = probe };
    }
}
