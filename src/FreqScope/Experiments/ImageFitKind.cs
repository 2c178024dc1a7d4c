using FreqScope.Core.Kinds;

namespace FreqScope.Experiments;

/// <summary>The <see cref="ImageFitExperimentConfig.ImageFit"/> experiment kind.</summary>
public sealed class ImageFitKind : ExperimentKind<ImageFitExperimentConfig>
{
    private ImageFitKind()
        : base(ImageFitExperimentConfig.ImageFit, ImageFitConfigJson.Default)
    {
    }

    /// <summary>The kind.</summary>
    public static ImageFitKind Instance { get; } = new();

    /// <inheritdoc/>
    public override ImageFitExperimentConfig Smoke(ImageFitExperimentConfig config) => ImageFitExperiment.Smoke(config);
}
