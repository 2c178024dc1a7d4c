using FreqScope.Solvers;

namespace FreqScope.Experiments;

/// <summary>
/// Network-then-relaxation hybrids: at each handover step T the network's output on the grid becomes the
/// relaxation's starting guess. Equality compares <see cref="Handover"/> element by element.
/// </summary>
public sealed record HybridConfig
{
    /// <summary>The handover steps, strictly increasing, each ≤ the network's steps.</summary>
    public required IReadOnlyList<long> Handover { get; init; }

    /// <summary>The relaxation that takes over (it must also run alone: it is the baseline). Default Jacobi.</summary>
    public RelaxationKind Relaxation { get; init; } = RelaxationKind.Jacobi;

    /// <inheritdoc />
    public bool Equals(HybridConfig? other) =>
        other is not null && Handover.SequenceEqual(other.Handover) && Relaxation == other.Relaxation;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var t in Handover) hash.Add(t);
        hash.Add(Relaxation);
        return hash.ToHashCode();
    }
}
