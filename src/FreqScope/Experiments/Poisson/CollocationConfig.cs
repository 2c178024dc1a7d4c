using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Poisson;

/// <summary>The interior collocation points of the network solver.</summary>
public sealed record CollocationConfig
{
    /// <summary>Points per step, 1 to 10 000 000 (2-D uniform: rounded down to a square number, at least 4). Default 128.</summary>
    [Range(1, 10_000_000)]
    public int Count { get; init; } = 128;

    /// <summary>Uniform: a fixed evenly spaced set; random: fresh uniform draws every step. Default uniform.</summary>
    public Sampling Sampling { get; init; } = Sampling.Uniform;
}
