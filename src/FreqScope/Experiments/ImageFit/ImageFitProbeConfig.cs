using FreqScope.Core.Config;

namespace FreqScope.Experiments.ImageFit;

/// <summary>What an image-fit run records: metrics and radial band errors every <see cref="Every"/> steps, predictions at <see cref="Snapshots"/> evenly spaced probes.</summary>
public sealed record ImageFitProbeConfig
{
    /// <summary>Probe every this many steps (1 to training.steps). Default 50.</summary>
    public long Every { get; init; } = 50;

    /// <summary>Number of equal-width radial bands over |k| ∈ [0, N/2], 2 to 64. Default 8.</summary>
    [Range(2, 64)]
    public int Bands { get; init; } = 8;

    /// <summary>A band has converged when its relative error is below ε ∈ (0, 1). Default 0.2.</summary>
    [Range(0, 1, MinExclusive = true, MaxExclusive = true)]
    public double Epsilon { get; init; } = 0.2;

    /// <summary>Number of prediction snapshots (step 0, the last step and evenly spaced ones between), 2 to 20. Default 4.</summary>
    [Range(2, 20)]
    public int Snapshots { get; init; } = 4;
}
