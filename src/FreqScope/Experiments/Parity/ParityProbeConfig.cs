using FreqScope.Core.Config;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// When and where the spectra are recorded: every <see cref="Every"/> steps, on <see cref="Radii"/> shells |k| = r
/// evenly spaced over [0, <see cref="MaxRadius"/>] (angular frequency, radians per unit of x), each averaged over the
/// same <see cref="Directions"/> seeded random unit directions (see <see cref="Spectral.RadialSpectrum"/>).
/// </summary>
public sealed record ParityProbeConfig : IConfigRules
{
    /// <summary>Largest number of shells.</summary>
    public const int MaxRadii = 1001;

    /// <summary>Largest number of directions per shell.</summary>
    public const int MaxDirections = 65_536;

    /// <summary>Probe every this many steps, 1 to the training steps. Default min(10, steps).</summary>
    public long Every { get; init; } = 10;

    /// <summary>The largest shell radius (&gt; 0, radians per unit of x). Default √d·π, twice the theory radius.</summary>
    [Range(0, MinExclusive = true, Note = " (radians per unit of x)")]
    public double MaxRadius { get; init; } = 1;

    /// <summary>Number of shells (r = 0 included), 3 to 1001. Default 61.</summary>
    [Range(3, MaxRadii)]
    public int Radii { get; init; } = 61;

    /// <summary>Number of directions per shell, 1 to 65 536. Default 64.</summary>
    [Range(1, MaxDirections)]
    public int Directions { get; init; } = 64;

    /// <summary>
    /// Number of directions for the target's spectrum on all the run's points (target-spectrum.csv's all_power and
    /// the summary's peak radius), 1 to 65 536. Default 2048: in high d the shell average of Π sin²(r u_j) is carried
    /// by the few directions near a diagonal, so it needs many directions to settle (with 64, the d = 10 peak wanders
    /// by a third of the theory radius).
    /// </summary>
    [Range(1, MaxDirections)]
    public int TargetDirections { get; init; } = 2048;

    /// <summary>Number of radius bands for the relative error (2 to the number of shells). Default 4.</summary>
    public int Bands { get; init; } = 4;

    /// <summary>A band has converged when its relative error falls below ε, in (0, 1). Default 0.1.</summary>
    [Range(0, 1, MinExclusive = true, MaxExclusive = true)]
    public double Epsilon { get; init; } = 0.1;

    /// <summary>The shell radii r_s = MaxRadius · s / (Radii − 1).</summary>
    public double[] RadiusGrid() => [.. Enumerable.Range(0, Radii).Select(s => MaxRadius * s / (Radii - 1))];

    /// <summary>At least two bands, at most one per shell.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if ((Bands < 2 || Bands > Radii) && node.Optional("bands") is { } bands) throw bands.OutOfRange($"an integer between 2 and probe.radii = {Radii}");
    }
}
