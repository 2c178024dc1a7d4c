namespace FreqScope.Core;

/// <summary>
/// One term Amplitude·sin(ω x + Phase) of a <see cref="TargetKind.Sinusoids"/> target, where ω = Frequency
/// (angular unit) or 2π·Frequency (cycles unit). JSON: <c>{"amplitude": 1, "frequency": 3, "phase": 0}</c>;
/// amplitude defaults to 1 and phase (radians) to 0.
/// </summary>
/// <param name="Amplitude">Amplitude of the term.</param>
/// <param name="Frequency">Frequency in the target's <see cref="FrequencyUnit"/>.</param>
/// <param name="Phase">Phase in radians.</param>
public sealed record SinusoidTerm(double Amplitude, double Frequency, double Phase);
