namespace FreqScope.Core;

/// <summary>How the network solver meets u = 0 on the boundary. JSON: <c>"penalty"</c> or <c>"exact"</c>.</summary>
public enum PdeBoundary
{
    /// <summary>u_θ = N_θ, and the loss adds β · mean(u_θ²) over the boundary points.</summary>
    Penalty,

    /// <summary>
    /// u_θ = φ · N_θ with φ = Π_d 4(x_d − min)(max − x_d)/L², which vanishes on the boundary (a hard constraint); no
    /// penalty term.
    /// </summary>
    Exact,
}
