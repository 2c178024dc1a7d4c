using FreqScope.Core;

namespace FreqScope.Data;

/// <summary>
/// A·sign(sin(ω x + φ)), where ω is the frequency (angular unit) or 2π times it (cycles unit). sign(0) = 0, as in
/// numpy: the wave is 0 exactly where the sine is (at floating-point zeros of sin only, e.g. x = 0 with φ = 0).
/// </summary>
public sealed class SquareWaveTarget : ITargetFunction
{
    private readonly double _angular;

    /// <summary>Creates the wave; <paramref name="frequency"/> must be positive.</summary>
    public SquareWaveTarget(double frequency, FrequencyUnit unit, double amplitude, double phase)
    {
        if (!(frequency > 0) || !double.IsFinite(frequency)) throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "The frequency must be a finite number > 0.");
        Frequency = frequency;
        Unit = unit;
        Amplitude = amplitude;
        Phase = phase;
        _angular = unit == FrequencyUnit.Cycles ? 2 * Math.PI * frequency : frequency;
    }

    /// <summary>Frequency in <see cref="Unit"/>.</summary>
    public double Frequency { get; }

    /// <summary>Unit of <see cref="Frequency"/>.</summary>
    public FrequencyUnit Unit { get; }

    /// <summary>Amplitude A.</summary>
    public double Amplitude { get; }

    /// <summary>Phase φ in radians.</summary>
    public double Phase { get; }

    /// <inheritdoc />
    public double Evaluate(double x) => Amplitude * Math.Sign(Math.Sin(_angular * x + Phase));

    /// <inheritdoc />
    public string Describe() =>
        Formatting.Coefficient(Amplitude) + "sign(sin(" + Formatting.Argument(Frequency, Unit == FrequencyUnit.Cycles, Phase) + "))";
}
