using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// The filtering method: Gaussian low-pass of targets and outputs in input space, with kernel
/// exp(−|x − x′|² / (2δ)) for each δ (a variance, in squared units of the normalised inputs).
/// </summary>
public sealed record FilteringConfig : IConfigRules
{
    /// <summary>The δ values (each &gt; 0, distinct), in the order reported.</summary>
    [JsonRequired]
    [Count(1, "at least one δ")]
    [Range(0, MinExclusive = true, Expected = "a number > 0 (δ is the kernel's variance)")]
    public ValueList<double> Deltas { get; init; } = [];

    /// <summary>e_low and e_high count as converged below this (&gt; 0). Default 0.1.</summary>
    [Range(0, MinExclusive = true)]
    public double Threshold { get; init; } = 0.1;

    /// <summary>Training images the filter runs over (≥ 2, the first ones of the training subset); null (the default) means all.</summary>
    [Range(2, Note = ", or null for the whole training subset")]
    public int? Samples { get; init; }

    /// <summary>
    /// Memory (MiB, ≥ 0) the precomputed n×n kernels may take; when they do not fit, every probe recomputes the kernel
    /// blockwise (slower, no n×n memory). Default 2048.
    /// </summary>
    [Range(0, Note = " (0 never caches)")]
    public int CacheBudgetMiB { get; init; } = 2048;

    /// <summary>The δ values are distinct.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var items = node.Required("deltas").Items();
        for (int i = 1; i < Deltas.Count; i++)
            if (Deltas.Take(i).Contains(Deltas[i])) throw items[i].Error($"{items[i].Display} is given twice; expected distinct δ values");
    }
}
