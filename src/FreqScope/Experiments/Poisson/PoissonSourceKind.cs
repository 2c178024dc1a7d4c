namespace FreqScope.Experiments.Poisson;

/// <summary>How the source g is given. JSON: <c>"sines"</c>, <c>"modes"</c> or <c>"expression"</c>.</summary>
public enum PoissonSourceKind
{
    /// <summary>1-D: g = Σ A sin(ωx + φ); the exact solution is known.</summary>
    Sines,

    /// <summary>2-D: g = Σ A sin(Mπ(x − min)/L) sin(Nπ(y − min)/L); the exact solution is known.</summary>
    Modes,

    /// <summary>Any formula in x (and y); the reference is the discrete solution only.</summary>
    Expression,
}
