namespace FreqScope.Core;

/// <summary>The network solver's objective. JSON: <c>"residual"</c> or <c>"ritz"</c>.</summary>
public enum PdeLoss
{
    /// <summary>mean((−Δu − g)²) over the collocation points, + β · mean(u²) on the boundary.</summary>
    Residual,

    /// <summary>The Ritz energy |Ω| · mean(½|∇u|² − g u) over the collocation points, + β · mean(u²) on the boundary.</summary>
    Ritz,
}
