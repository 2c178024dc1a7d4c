using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Tests.Extending;

/// <summary>
/// The config of the <c>decay</c> kind: a value x that starts at <see cref="Start"/> and moves towards
/// <see cref="Target"/> by x ← x − η (x − target) each step, so that x_k = target + (x₀ − target)(1 − η)^k.
/// </summary>
public sealed record DecayConfig() : ExperimentConfig(DecayConfig.Decay)
{
    /// <summary>The kind's name.</summary>
    public const string Decay = "decay";

    /// <summary>Starting value x₀. Default 1.</summary>
    public double Start { get; init; } = 1;

    /// <summary>The value x approaches. Default 0.</summary>
    public double Target { get; init; }

    /// <summary>Step size η in (0, 1]. Default 0.1.</summary>
    [Range(0, 1, MinExclusive = true)]
    public double Rate { get; init; } = 0.1;

    /// <summary>Steps, 1 to 10⁶. Default 100.</summary>
    [Range(1, 1_000_000)]
    public long Steps { get; init; } = 100;

    /// <summary>x is written to trace.csv every this many steps (and at the last). Default 10.</summary>
    [Range(1, 1_000_000)]
    public long ProbeEvery { get; init; } = 10;

    /// <summary>A checkpoint is saved every this many steps. Default 25.</summary>
    [Range(1, 1_000_000)]
    public long CheckpointEvery { get; init; } = 25;
}
