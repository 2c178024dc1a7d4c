using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>Which images of one split (train or test) a run uses.</summary>
public sealed record SubsetConfig
{
    /// <summary>Number of images (≥ 1); null (the default) means the whole split.</summary>
    [Range(1, Note = ", or null for the whole split")]
    public int? Count { get; init; }

    /// <summary>How they are chosen. Default <see cref="SubsetKind.First"/>.</summary>
    public SubsetKind Subset { get; init; } = SubsetKind.First;
}
