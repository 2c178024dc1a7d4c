using System.Text.Json.Serialization;

namespace FreqScope.Experiments.Fit1d;

/// <summary>One target peak in <c>summary.json</c>: DFT index, frequency (cycles per unit of x) and convergence steps.</summary>
public sealed record PeakSummary(
    [property: JsonRequired] int Index,
    [property: JsonRequired] double Frequency,
    [property: JsonRequired] double TargetAbs,
    long? ConvergedAtStep,
    long? StableFromStep);
