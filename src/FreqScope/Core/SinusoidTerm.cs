using System.Text.Json.Serialization;

namespace FreqScope.Core;

/// <summary>
/// One term Amplitude·sin(ω x + Phase) of a <see cref="TargetKind.Sinusoids"/> target, where ω = Frequency
/// (angular unit) or 2π·Frequency (cycles unit). JSON: <c>{"amplitude": 1, "frequency": 3, "phase": 0}</c>;
/// the frequency is required, amplitude defaults to 1 and phase (radians) to 0.
/// </summary>
/// <param name="Amplitude">Amplitude of the term. Default 1.</param>
/// <param name="Frequency">Frequency in the target's frequency unit (required).</param>
/// <param name="Phase">Phase in radians. Default 0.</param>
public sealed record SinusoidTerm(double Amplitude = 1, [property: JsonRequired] double Frequency = 0, double Phase = 0);
