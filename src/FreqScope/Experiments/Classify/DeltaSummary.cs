namespace FreqScope.Experiments.Classify;

/// <summary>
/// The filtering method's result for one δ (the Gaussian kernel's variance).
/// </summary>
/// <param name="Delta">δ, the variance of the kernel exp(−|x − x′|² / (2δ)).</param>
/// <param name="LowFrequencyRatio">Σ|y^low|² / Σ|y|² of the targets.</param>
/// <param name="LowBelowAtEpoch">First probed epoch with e_low &lt; threshold, or null.</param>
/// <param name="HighBelowAtEpoch">First probed epoch with e_high &lt; threshold, or null.</param>
/// <param name="LowBeforeHigh">True when e_low fell below the threshold strictly before e_high did (or e_high never did); null when neither did.</param>
/// <param name="FinalLowError">e_low at the last probe.</param>
/// <param name="FinalHighError">e_high at the last probe.</param>
public sealed record DeltaSummary(
    double Delta,
    double LowFrequencyRatio,
    int? LowBelowAtEpoch,
    int? HighBelowAtEpoch,
    bool? LowBeforeHigh,
    double FinalLowError,
    double FinalHighError);
