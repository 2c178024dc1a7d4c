using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>
/// Data augmentation of each training mini-batch (on the device, from torch's generator, so checkpoints resume it
/// exactly): a horizontal flip of each image with probability ½, a random translation by up to <see cref="Crop"/>
/// pixels in each direction with zero fill (a padded random crop), and a zeroed square of side <see cref="Cutout"/>
/// at a random centre (DeVries and Taylor). Evaluation and the spectral probes see the images unchanged.
/// </summary>
public sealed record AugmentConfig
{
    /// <summary>Flip half the images left–right. Default false.</summary>
    public bool Flip { get; init; }

    /// <summary>Largest shift in pixels, 0 to 64 (0: none). Default 0.</summary>
    [Range(0, 64, Note = " (pixels)")]
    public int Crop { get; init; }

    /// <summary>Side of the zeroed square in pixels, 0 to 256 (0: none). Default 0.</summary>
    [Range(0, 256, Note = " (pixels)")]
    public int Cutout { get; init; }

    /// <summary>Whether any augmentation is on.</summary>
    public bool Any => Flip || Crop > 0 || Cutout > 0;
}
