using FreqScope.Core;

namespace FreqScope.Data;

/// <summary>
/// A·(2·frac(f x + φ/2π) − 1), with frac(u) = u − ⌊u⌋ and f in cycles per unit of x (the configured frequency when the
/// unit is cycles, the configured ω divided by 2π when it is angular). The wave rises linearly from −A to A over each
/// period 1/f and drops back at f x + φ/2π ∈ ℤ, where it equals −A. Phase φ shifts it like sin(2π f x + φ).
/// </summary>
public sealed class SawtoothTarget : ITargetFunction
{
    /// <summary>Creates the wave; <paramref name="frequency"/> must be positive.</summary>
    public SawtoothTarget(double frequency, FrequencyUnit unit, double amplitude, double phase)
    {
        if (!(frequency > 0) || !double.IsFinite(frequency)) throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "The frequency must be a finite number > 0.");
        Frequency = frequency;
        Unit = unit;
        Amplitude = amplitude;
        Phase = phase;
        CyclesPerUnit = unit == FrequencyUnit.Cycles ? frequency : frequency / (2 * Math.PI);
    }

    /// <summary>Frequency in <see cref="Unit"/>.</summary>
    public double Frequency { get; }

    /// <summary>Unit of <see cref="Frequency"/>.</summary>
    public FrequencyUnit Unit { get; }

    /// <summary>f: periods per unit of x.</summary>
    public double CyclesPerUnit { get; }

    /// <summary>Amplitude A.</summary>
    public double Amplitude { get; }

    /// <summary>Phase φ in radians.</summary>
    public double Phase { get; }

    /// <inheritdoc />
    public double Evaluate(double x)
    {
        var u = CyclesPerUnit * x + Phase / (2 * Math.PI);
        return Amplitude * (2 * (u - Math.Floor(u)) - 1);
    }

    /// <inheritdoc />
    public string Describe() =>
        Formatting.Coefficient(Amplitude) + "sawtooth(" + Formatting.Argument(Frequency, Unit == FrequencyUnit.Cycles, Phase) + ")";
}
