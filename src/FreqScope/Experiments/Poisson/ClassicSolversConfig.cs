using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Solvers;

namespace FreqScope.Experiments.Poisson;

/// <summary>The classic relaxations run alone, from u = 0.</summary>
public sealed record ClassicSolversConfig : IConfigRules
{
    /// <summary>The relaxations, run in this order, each once. Default [jacobi].</summary>
    public ValueList<RelaxationKind> Methods { get; init; } = [RelaxationKind.Jacobi];

    /// <summary>Damped Jacobi's weight ω in (0, 1]. Default 2/3 (the best smoother of the 1-D model problem).</summary>
    [Range(0, 1, MinExclusive = true)]
    public double Omega { get; init; } = 2.0 / 3.0;

    /// <summary>A relaxation (alone or in a hybrid) stops after this many sweeps (≥ 1) if it has not met the tolerance. Default 10⁷.</summary>
    [Range(1)]
    public long MaxIterations { get; init; } = 10_000_000;

    /// <summary>No relaxation is listed twice.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Optional("methods") is not { } methods) return;
        var items = methods.Items();
        for (int i = 1; i < Methods.Count; i++)
            if (Methods.Take(i).Contains(Methods[i])) throw items[i].Error($"\"{JsonNames.Of(Methods[i])}\" is listed twice");
    }
}
