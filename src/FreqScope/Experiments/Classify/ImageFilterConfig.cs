using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// Train and test on filtered images (<see cref="Data.ImageFilter"/>): <c>lowPass</c> keeps the Gaussian blur of each
/// image (σ pixels), <c>highPass</c> the image minus that blur. Applied to the raw pixels of both splits, before
/// <see cref="ImageDataConfig.Normalization"/>.
/// </summary>
public sealed record ImageFilterConfig
{
    /// <summary>Which part of the image is kept.</summary>
    public required ImageFilterKind Kind { get; init; }

    /// <summary>σ of the Gaussian blur, in pixels (&gt; 0).</summary>
    [Range(0, 1000, MinExclusive = true, Expected = "a number in (0, 1000] (pixels)")]
    public required double Sigma { get; init; }
}
