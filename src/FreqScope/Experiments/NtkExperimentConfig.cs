using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The resolved configuration of the <c>ntk</c> experiment: train an MLP on a 1-D target by plain full-batch gradient
/// descent and compare it, probe by probe, with the closed-form prediction of the same network linearised around its
/// initial parameters (constant empirical NTK Θ₀). Produced by <see cref="NtkConfigLoader"/> with every default filled
/// in; see <c>docs/config.md</c>.
/// </summary>
/// <remarks>
/// Conventions: loss L = (1/2n) Σ_i (f(x_i) − y_i)² over the n training points; θ ← θ − η∇L (no momentum, no
/// weight decay, no mini-batches); the linearised prediction after t steps is f_t = y + (I − ηΘ₀/n)^t (f₀ − y).
/// </remarks>
public sealed record NtkExperimentConfig : IExperimentConfig
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string Ntk = "ntk";

    /// <summary>Always <c>"ntk"</c>.</summary>
    public string Experiment { get; init; } = Ntk;

    /// <summary>Run name: non-empty, only <c>[A-Za-z0-9._-]</c>. Default <c>"ntk"</c>.</summary>
    public string Name { get; init; } = Ntk;

    /// <summary>Seed of the network's initialization. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> or <c>"auto"</c>. Default <c>"cpu"</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The function to fit (as in fit1d; the <c>csv</c> kind is not allowed).</summary>
    public required TargetConfig Target { get; init; }

    /// <summary>Domain, training and test points.</summary>
    public required NtkDataConfig Data { get; init; }

    /// <summary>The network (an MLP 1 → hidden → 1, as in fit1d).</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Learning rate and number of gradient-descent steps.</summary>
    public NtkTrainingConfig Training { get; init; } = new();

    /// <summary>What is recorded.</summary>
    public NtkProbeConfig Probe { get; init; } = new();
}
