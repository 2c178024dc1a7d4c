using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Solvers;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// The resolved configuration of the <c>poisson</c> experiment: solve −Δu = g with zero boundary values on an
/// interval or a square by classic relaxations (Jacobi, damped Jacobi, Gauss–Seidel), by a network trained on the
/// PDE, and by network-then-relaxation hybrids; compare their per-mode convergence and their wall time to a
/// tolerance. Every default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record PoissonExperimentConfig() : ExperimentConfig(Poisson), IConfigDefaults<PoissonExperimentConfig>
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string Poisson = "poisson";

    /// <summary>The equation and its grid.</summary>
    public required PoissonProblemConfig Problem { get; init; }

    /// <summary>"Time to tolerance" means until ‖u − u_h‖∞ &lt; this (&gt; 0). Default 1e-4.</summary>
    [Range(0, MinExclusive = true)]
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>The classic relaxations run on their own.</summary>
    public ClassicSolversConfig Classic { get; init; } = new();

    /// <summary>The network solver; null runs none (and then no hybrid).</summary>
    public PdeNetworkConfig? Network { get; init; }

    /// <summary>Network-then-relaxation hybrids; null runs none.</summary>
    public HybridConfig? Hybrid { get; init; }

    /// <summary>What is recorded and how modes are analysed.</summary>
    public PoissonProbeConfig Probe { get; init; } = new();

    /// <summary>
    /// Defaults that follow the dimension (the domain, the boundary points), and the rules across sections: a hybrid
    /// needs the network and its relaxation as a baseline, handovers lie within the network's steps, analysed modes
    /// exist on the grid, and something runs at all.
    /// </summary>
    public PoissonExperimentConfig WithDerivedDefaults(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var problem = Problem;
        if (problem.Dimension == 2 && root.At("problem.domain") is null) problem = problem with { Domain = new Interval(0, 1) };
        var network = Network;
        if (network is not null)
        {
            var node = root.Required("network");
            if (node.Optional("boundaryPoints") is { } points)
            {
                if (problem.Dimension == 1 && network.BoundaryPoints != 2) throw points.OutOfRange("2 in 1-D (the two ends of the interval)");
                if (problem.Dimension == 2 && network.BoundaryPoints < 4) throw points.OutOfRange("an integer >= 4 (points along the square's perimeter)");
            }
            else
            {
                network = network with { BoundaryPoints = problem.Dimension == 1 ? 2 : 256 };
            }

            if (problem.Dimension == 2 && network.Collocation.Sampling == Sampling.Uniform && network.Collocation.Count < 4 && node.Optional("collocation") is { } collocation)
                throw collocation.Error("count", "a 2-D uniform collocation grid needs at least 4 points (2 × 2)");
        }

        if (Hybrid is { } hybrid)
        {
            var node = root.Required("hybrid");
            if (network is null) throw node.Error("a hybrid needs a network; add a \"network\" section or remove \"hybrid\"");
            var items = node.Required("handover").Items();
            for (int i = 0; i < hybrid.Handover.Count; i++)
            {
                long t = hybrid.Handover[i];
                if (t < 0 || t > network.Steps) throw items[i].OutOfRange($"a step between 0 and network.steps = {network.Steps}");
                if (i > 0 && t <= hybrid.Handover[i - 1]) throw items[i].OutOfRange($"a step after {hybrid.Handover[i - 1]} (the steps must increase)");
            }

            if (!Classic.Methods.Contains(hybrid.Relaxation))
            {
                throw (node.Optional("relaxation") ?? node).Error($"the hybrids continue with \"{JsonNames.Of(hybrid.Relaxation)}\", which must also run alone as their baseline; "
                    + $"add it to classic.methods (now [{string.Join(", ", Classic.Methods.Select(m => $"\"{JsonNames.Of(m)}\""))}])");
            }
        }

        var probe = Probe;
        if (probe.Modes is { } modes)
        {
            int largest = ModeSpectrum.LargestMode(problem.Dimension, problem.Intervals);
            var items = root.At("probe.modes")!.Items();
            for (int i = 0; i < modes.Count; i++)
            {
                if (modes[i] < 1 || modes[i] > largest) throw items[i].OutOfRange($"a mode between 1 and {largest}");
                if (modes.Take(i).Contains(modes[i])) throw items[i].Error($"mode {modes[i]} is listed twice");
            }

            probe = probe with { Modes = [.. modes.Order()] };
        }

        if (Classic.Methods.Count == 0 && network is null)
            throw root.Error("classic", "nothing to run: classic.methods is empty and there is no network");
        return this with { Problem = problem, Network = network, Probe = probe };
    }
}
