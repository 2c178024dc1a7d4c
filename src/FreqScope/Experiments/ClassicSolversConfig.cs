using FreqScope.Solvers;

namespace FreqScope.Experiments;

/// <summary>The classic relaxations run alone, from u = 0. Equality compares <see cref="Methods"/> element by element.</summary>
public sealed record ClassicSolversConfig
{
    /// <summary>The relaxations, run in this order. Default [jacobi].</summary>
    public IReadOnlyList<RelaxationKind> Methods { get; init; } = [RelaxationKind.Jacobi];

    /// <summary>Damped Jacobi's weight ω in (0, 1]. Default 2/3 (the best smoother of the 1-D model problem).</summary>
    public double Omega { get; init; } = 2.0 / 3.0;

    /// <summary>A relaxation (alone or in a hybrid) stops after this many sweeps if it has not met the tolerance. Default 10⁷.</summary>
    public long MaxIterations { get; init; } = 10_000_000;

    /// <inheritdoc />
    public bool Equals(ClassicSolversConfig? other) =>
        other is not null && Methods.SequenceEqual(other.Methods) && Omega == other.Omega && MaxIterations == other.MaxIterations;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var m in Methods) hash.Add(m);
        hash.Add(Omega);
        hash.Add(MaxIterations);
        return hash.ToHashCode();
    }
}
