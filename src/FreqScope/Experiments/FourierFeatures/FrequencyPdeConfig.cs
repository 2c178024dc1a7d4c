using FreqScope.Core.Config;
using FreqScope.Theory;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>How the frequency PDE (<see cref="FrequencyPde"/>) is solved for the comparison.</summary>
public sealed record FrequencyPdeConfig
{
    /// <summary>Crank–Nicolson (default) or backward Euler.</summary>
    public TimeScheme Scheme { get; init; } = TimeScheme.CrankNicolson;

    /// <summary>The largest time step, in gradient-descent steps (&gt; 0). Default 1.</summary>
    [Range(0, MinExclusive = true, Note = " (gradient-descent steps)")]
    public double TimeStep { get; init; } = 1;

    /// <summary>Lumped (diagonal) mass and reaction matrices instead of consistent ones. Default false.</summary>
    public bool LumpedMass { get; init; }
}
