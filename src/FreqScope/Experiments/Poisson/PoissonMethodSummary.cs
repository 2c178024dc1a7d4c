namespace FreqScope.Experiments.Poisson;

/// <summary>
/// One method's result in a <c>poisson</c> run. Iterations are sweeps for relaxations, optimizer steps for the network,
/// and relaxation sweeps after the handover for a hybrid. Seconds are solver wall time: probes (transforms, error
/// files) are excluded; a hybrid's seconds include the network's training up to its handover step.
/// </summary>
public sealed record PoissonMethodSummary
{
    /// <summary><c>jacobi</c>, <c>dampedJacobi</c>, <c>gaussSeidel</c>, <c>network</c> or <c>hybrid-T</c> (T = handover step).</summary>
    public required string Method { get; init; }

    /// <summary><c>classic</c>, <c>network</c> or <c>hybrid</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Whether ‖u − u_h‖∞ fell below the tolerance.</summary>
    public required bool Reached { get; init; }

    /// <summary>Iterations until the tolerance was first met (exact for relaxations; at probe resolution for the network).</summary>
    public long? IterationsToTolerance { get; init; }

    /// <summary>Wall seconds until the tolerance was first met.</summary>
    public double? SecondsToTolerance { get; init; }

    /// <summary>Iterations performed.</summary>
    public required long Iterations { get; init; }

    /// <summary>Wall seconds spent.</summary>
    public required double Seconds { get; init; }

    /// <summary>‖u − u_h‖∞ at the end.</summary>
    public required double FinalError { get; init; }

    /// <summary>Hybrids: the network step at which the relaxation took over.</summary>
    public long? HandoverStep { get; init; }

    /// <summary>Hybrids: the network's training seconds up to the handover.</summary>
    public double? HandoverSeconds { get; init; }

    /// <summary>Hybrids: ‖u − u_h‖∞ of the network's output at the handover.</summary>
    public double? HandoverError { get; init; }

    /// <summary>Per analysed mode, when its relative error first fell below ε (classic methods and the network).</summary>
    public IReadOnlyList<ModeConvergence>? ModeConvergence { get; init; }

    /// <summary>The analysed modes in the order they converged (never-converged last).</summary>
    public IReadOnlyList<int>? ConvergenceOrder { get; init; }

    /// <summary>Spearman correlation of mode frequency with convergence iteration: +1 low first, −1 high first.</summary>
    public double? SpectralBiasIndex { get; init; }
}
