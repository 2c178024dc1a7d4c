using FreqScope.Core.Runs;

namespace FreqScope.Experiments.ImageFit;

/// <summary>summary.json of an image-fit run.</summary>
public sealed record ImageFitSummary : IRunSummary
{
    /// <summary>Always <c>"image-fit"</c>.</summary>
    public string Experiment { get; init; } = ImageFitExperimentConfig.ImageFit;

    /// <summary>Image height H (pixels).</summary>
    public required int Height { get; init; }

    /// <summary>Image width W (pixels).</summary>
    public required int Width { get; init; }

    /// <summary>Steps completed.</summary>
    public required long StepsCompleted { get; init; }

    /// <summary>Test PSNR (dB) at step 0.</summary>
    public required double InitialTestPsnr { get; init; }

    /// <summary>Train PSNR (dB) at the last step.</summary>
    public required double FinalTrainPsnr { get; init; }

    /// <summary>Test PSNR (dB, held-out pixels) at the last step.</summary>
    public required double FinalTestPsnr { get; init; }

    /// <summary>The convergence threshold ε of the band relative errors.</summary>
    public required double Epsilon { get; init; }

    /// <summary>The radial bands, low to high.</summary>
    public required IReadOnlyList<ImageFitBandSummary> Bands { get; init; }

    /// <summary>Spearman correlation of band and first-convergence step (+1: coarse to fine); null when undefined.</summary>
    public double? SpectralBiasIndex { get; init; }

    /// <summary>One sentence on the convergence order and the PSNRs.</summary>
    public required string Verdict { get; init; }

    /// <summary>Wall-clock seconds of training (including resumed segments).</summary>
    public required double TrainingSeconds { get; init; }
}
