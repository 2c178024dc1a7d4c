using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Fit1d;

/// <summary>Spectral probing of the network's output on the evaluation grid.</summary>
public sealed record FitProbeConfig
{
    /// <summary>Steps between probes (≥ 1). Default 100.</summary>
    [Range(1)]
    public int Every { get; init; } = 100;

    /// <summary>DFT coefficients kept in <c>spectra.csv</c> (1 to n/2 + 1); null (the default) keeps all n/2 + 1.</summary>
    public int? Keep { get; init; }

    /// <summary>
    /// Peaks lower than this fraction of the largest are ignored, in [0, 1]. Default 0.01: a target sampled over
    /// whole periods has |DFT| at rounding level (~1e-16) between its true peaks, and that noise has local maxima
    /// of its own whose relative error means nothing. Set 0 to keep every local maximum.
    /// </summary>
    [Range(0, 1)]
    public double MinRelativeHeight { get; init; } = 0.01;

    /// <summary>Relative spectral error below which a frequency counts as converged (&gt; 0). Default 0.05.</summary>
    [Range(0, MinExclusive = true)]
    public double Epsilon { get; init; } = 0.05;

    /// <summary>Which relative error is compared to <see cref="Epsilon"/>. Default complex.</summary>
    public ErrorForm ErrorForm { get; init; } = ErrorForm.Complex;

    /// <summary>Probe steps at which the whole output is saved (≥ 2). Default 6.</summary>
    [Range(2)]
    public int Snapshots { get; init; } = 6;
}
