using FreqScope.Solvers;

namespace FreqScope.Experiments;

/// <summary>
/// The source g of −Δu = g: a sum of sines (1-D), a sum of sine modes of the square (2-D), or a formula.
/// Equality compares the term lists element by element.
/// </summary>
public sealed record PoissonSourceConfig
{
    /// <summary>Which of the fields below describes g.</summary>
    public required PoissonSourceKind Kind { get; init; }

    /// <summary><see cref="PoissonSourceKind.Sines"/>: the terms A sin(ωx + φ), ω in radians per unit length.</summary>
    public IReadOnlyList<SineTerm> Terms { get; init; } = [];

    /// <summary><see cref="PoissonSourceKind.Modes"/>: the terms A sin(Mπ(x − min)/L) sin(Nπ(y − min)/L).</summary>
    public IReadOnlyList<ModeTerm> Modes { get; init; } = [];

    /// <summary><see cref="PoissonSourceKind.Expression"/>: the formula (see <see cref="SourceExpression"/>).</summary>
    public string? Expression { get; init; }

    /// <inheritdoc />
    public bool Equals(PoissonSourceConfig? other) =>
        other is not null && Kind == other.Kind && Terms.SequenceEqual(other.Terms) && Modes.SequenceEqual(other.Modes)
        && Expression == other.Expression;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        foreach (var t in Terms) hash.Add(t);
        foreach (var m in Modes) hash.Add(m);
        hash.Add(Expression);
        return hash.ToHashCode();
    }
}
