using System.Globalization;

namespace FreqScope.Solvers;

/// <summary>
/// One term A·sin(ω x + φ) of a 1-D source g (see <see cref="SineSeriesSolution.Source1D"/>).
/// </summary>
/// <param name="Amplitude">A, finite.</param>
/// <param name="Frequency">ω in radians per unit length, finite and &gt; 0 (ω/(2π) cycles per unit length).</param>
/// <param name="Phase">φ in radians, finite. Default 0.</param>
public sealed record SineTerm(double Amplitude, double Frequency, double Phase = 0)
{
    /// <summary>A, finite.</summary>
    public double Amplitude { get; } = double.IsFinite(Amplitude)
        ? Amplitude
        : throw new ArgumentOutOfRangeException(nameof(Amplitude), Amplitude, $"The amplitude must be finite, got {Format(Amplitude)}.");

    /// <summary>ω in radians per unit length, finite and &gt; 0.</summary>
    public double Frequency { get; } = Frequency > 0 && double.IsFinite(Frequency)
        ? Frequency
        : throw new ArgumentOutOfRangeException(nameof(Frequency), Frequency, $"The frequency must be finite and > 0 (radians per unit length), got {Format(Frequency)}.");

    /// <summary>φ in radians, finite.</summary>
    public double Phase { get; } = double.IsFinite(Phase)
        ? Phase
        : throw new ArgumentOutOfRangeException(nameof(Phase), Phase, $"The phase must be finite, got {Format(Phase)}.");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
