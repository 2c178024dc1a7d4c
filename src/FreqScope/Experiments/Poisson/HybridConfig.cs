using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Solvers;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// Network-then-relaxation hybrids: at each handover step T the network's output on the grid becomes the
/// relaxation's starting guess.
/// </summary>
public sealed record HybridConfig
{
    /// <summary>The handover steps, strictly increasing, each between 0 and the network's steps.</summary>
    [JsonRequired]
    [Missing("the network steps at which the relaxation takes over")]
    [Count(1, "at least one step")]
    public ValueList<long> Handover { get; init; } = [];

    /// <summary>The relaxation that takes over (it must also run alone: it is the baseline). Default Jacobi.</summary>
    public RelaxationKind Relaxation { get; init; } = RelaxationKind.Jacobi;
}
