using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The resolved configuration of the <c>poisson</c> experiment: solve −Δu = g with zero boundary values on an
/// interval or a square by classic relaxations (Jacobi, damped Jacobi, Gauss–Seidel), by a network trained on the
/// PDE, and by network-then-relaxation hybrids; compare their per-mode convergence and their wall time to a
/// tolerance. Produced by <see cref="PoissonConfigLoader"/> with every default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record PoissonExperimentConfig : IExperimentConfig
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string Poisson = "poisson";

    /// <summary>Always <c>"poisson"</c>.</summary>
    public string Experiment { get; init; } = Poisson;

    /// <summary>Run name: non-empty, only <c>[A-Za-z0-9._-]</c>. Default <c>"poisson"</c>.</summary>
    public string Name { get; init; } = Poisson;

    /// <summary>Seed of the network's initialization and collocation points. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> or <c>"auto"</c> (the network's device; relaxations run on the CPU). Default <c>"cpu"</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The equation and its grid.</summary>
    public required PoissonProblemConfig Problem { get; init; }

    /// <summary>"Time to tolerance" means until ‖u − u_h‖∞ &lt; this. Default 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>The classic relaxations run on their own.</summary>
    public ClassicSolversConfig Classic { get; init; } = new();

    /// <summary>The network solver; null runs none (and then no hybrid).</summary>
    public PdeNetworkConfig? Network { get; init; }

    /// <summary>Network-then-relaxation hybrids; null runs none.</summary>
    public HybridConfig? Hybrid { get; init; }

    /// <summary>What is recorded and how modes are analysed.</summary>
    public PoissonProbeConfig Probe { get; init; } = new();
}
