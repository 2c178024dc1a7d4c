namespace FreqScope.Sweeps;

/// <summary>How a swept key's values are laid out on a figure's axis (<see cref="SweepAnalysis.Scale"/>).</summary>
public enum AxisScale
{
    /// <summary>Evenly spaced, in order, labelled with the values.</summary>
    Categorical,

    /// <summary>At their numbers.</summary>
    Linear,

    /// <summary>At the logarithms of their numbers.</summary>
    Log,
}
