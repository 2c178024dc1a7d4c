namespace FreqScope.Solvers;

/// <summary>The stationary iterative methods of <see cref="Relaxation"/>.</summary>
public enum RelaxationKind
{
    /// <summary>Plain Jacobi: every node becomes the average of its neighbours plus h²g/(2·dimension), all at once (ω = 1).</summary>
    Jacobi,

    /// <summary>Weighted (damped) Jacobi: u ← (1 − ω)u + ω·(Jacobi update), 0 &lt; ω ≤ 1; ω = 2/3 is the classic smoother.</summary>
    DampedJacobi,

    /// <summary>Gauss–Seidel in lexicographic order, in place: updated neighbours are used as soon as they are computed.</summary>
    GaussSeidel,
}
