using FreqScope.Core.Config;
using FreqScope.Data;

namespace FreqScope.Experiments.Classify;

/// <summary>The dataset of a <c>classify</c> run: which one, where its files are, which images, how pixels are scaled.</summary>
[ListedKeyOrder("dataset", "dir", "download", "train", "test", "normalization", "randomLabels", "imageFilter", "labelNoise")]
public sealed record ImageDataConfig
{
    /// <summary><c>mnist</c>, <c>fashion-mnist</c> or <c>cifar10</c>.</summary>
    [OneOf(typeof(DatasetCatalog), nameof(DatasetCatalog.Names))]
    public required string Dataset { get; init; }

    /// <summary>
    /// A folder holding the dataset's files (local files only, never downloaded; the CLI's <c>--data DIR</c>). Null
    /// (the default) uses the cache folder (<c>$FREQSCOPE_DATA</c> or <c>~/.cache/freqscope/datasets/NAME</c>).
    /// Stored absolute in the run folder's config.json.
    /// </summary>
    [NonEmpty("a non-empty folder path, or null for the cache folder")]
    public string? Dir { get; init; }

    /// <summary>Download missing files into the cache folder (checked by SHA-256, resumable). Default false.</summary>
    public bool Download { get; init; }

    /// <summary>Training images. Default: all, in file order.</summary>
    public SubsetConfig Train { get; init; } = new();

    /// <summary>Test images. Default: all, in file order.</summary>
    public SubsetConfig Test { get; init; } = new();

    /// <summary>Pixel scaling. Default <see cref="PixelNormalization.Scale01"/> (pixel / 255).</summary>
    public PixelNormalization Normalization { get; init; } = PixelNormalization.Scale01;

    /// <summary>
    /// The fraction of training labels replaced by labels drawn uniformly at random among the classes (a seeded
    /// choice of images, a seeded draw of labels; a drawn label may equal the true one), in [0, 1]: 1 gives the
    /// randomised-label experiment of Zhang et al. and Xu et al. Test labels are never changed. Default 0.
    /// </summary>
    [Range(0, 1, Expected = "a fraction in [0, 1]")]
    public double RandomLabels { get; init; }

    /// <summary>Frequency-controlled label noise on the training labels, or null (the default) for none.</summary>
    public LabelNoiseConfig? LabelNoise { get; init; }

    /// <summary>Keep only the low or only the high spatial frequencies of every image; null (the default) keeps them all.</summary>
    public ImageFilterConfig? ImageFilter { get; init; }
}
