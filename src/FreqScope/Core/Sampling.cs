namespace FreqScope.Core;

/// <summary>How the training points are placed in the domain. JSON: <c>"uniform"</c> or <c>"random"</c>.</summary>
public enum Sampling
{
    /// <summary>An evenly spaced grid (numpy <c>linspace</c>).</summary>
    Uniform,

    /// <summary>Independent uniform draws in [min, max) from the experiment seed, sorted ascending.</summary>
    Random,
}
