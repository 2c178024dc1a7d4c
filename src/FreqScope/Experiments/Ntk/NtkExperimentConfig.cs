using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// The resolved configuration of the <c>ntk</c> experiment: a network trained by plain gradient descent against the
/// closed-form prediction of the same network linearised around its initial parameters (the empirical neural tangent
/// kernel Θ₀). <see cref="Target"/> and <see cref="Model"/> are read as in fit1d (an analytic target only). Every
/// default filled in; see <c>docs/config.md</c>.
/// </summary>
public sealed record NtkExperimentConfig() : ExperimentConfig(Ntk), IConfigDefaults<NtkExperimentConfig>
{
    /// <summary>The experiment kind this config describes.</summary>
    public const string Ntk = "ntk";

    /// <summary>The function to fit (an analytic kind).</summary>
    public required TargetConfig Target { get; init; }

    /// <summary>The domain and its training and test points.</summary>
    public required NtkDataConfig Data { get; init; }

    /// <summary>The network (as fit1d's model).</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Plain gradient descent.</summary>
    public NtkTrainingConfig Training { get; init; } = new();

    /// <summary>What is recorded.</summary>
    public NtkProbeConfig Probe { get; init; } = new();

    /// <summary>An analytic target; the tracked eigenvectors default to at most the training points and may not exceed them.</summary>
    public NtkExperimentConfig WithDerivedDefaults(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Target.RequireAnalytic(root.Required("target"), Ntk);
        if (root.At("probe.eigenvectors") is not { } eigenvectors)
            return this with { Probe = Probe with { Eigenvectors = Math.Min(new NtkProbeConfig().Eigenvectors, Data.TrainCount) } };
        if (Probe.Eigenvectors < 1 || Probe.Eigenvectors > Data.TrainCount)
            throw eigenvectors.OutOfRange($"an integer between 1 and data.trainCount = {Data.TrainCount}");
        return this;
    }
}
