namespace FreqScope.Core;

/// <summary>The family of the target function. JSON: <c>"sinusoids"</c>, <c>"square"</c>, <c>"sawtooth"</c>, <c>"gaussianBumps"</c>, <c>"csv"</c>.</summary>
public enum TargetKind
{
    /// <summary>A sum of sinusoids, <see cref="TargetConfig.Terms"/>.</summary>
    Sinusoids,

    /// <summary>A square wave: amplitude·sign(sin(ω x + φ)).</summary>
    Square,

    /// <summary>A sawtooth: amplitude·(2·frac(f x + φ/2π) − 1), f in cycles per unit of x.</summary>
    Sawtooth,

    /// <summary>A sum of Gaussian bumps, <see cref="TargetConfig.Bumps"/>.</summary>
    GaussianBumps,

    /// <summary>Samples read from a CSV file, linearly interpolated.</summary>
    Csv,
}
