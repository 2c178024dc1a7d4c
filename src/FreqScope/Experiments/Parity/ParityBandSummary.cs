namespace FreqScope.Experiments.Parity;

/// <summary>One radius band of a parity run's spectrum.</summary>
/// <param name="RadiusMin">The band's smallest shell radius (radians per unit of x).</param>
/// <param name="RadiusMax">Its largest shell radius.</param>
/// <param name="TargetPower">Σ of the target's shell power P_y(r) over the band's shells.</param>
/// <param name="FinalError">The relative error √(Σ P_{f−y} / Σ P_y) at the last probe.</param>
/// <param name="ConvergedAtStep">The first probe step with relative error below ε, or null.</param>
public sealed record ParityBandSummary(double RadiusMin, double RadiusMax, double TargetPower, double FinalError, long? ConvergedAtStep);
