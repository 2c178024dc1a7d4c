namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// One target peak of a <c>fourier-features</c> run: its frequency ξ (cycles per unit of x), |ŷ(ξ)|, the decay rate
/// C·ρ(ξ) per step that the PDE without diffusion predicts, and the first probe step at which the relative error
/// |r̂(ξ)|/|ŷ(ξ)| fell below ε for the network and for the PDE (null: never).
/// </summary>
public sealed record FourierPeakSummary(double Xi, double TargetAbs, double TheoryRate, long? NetworkConvergedAtStep, long? PdeConvergedAtStep);
