using FreqScope.Core.Kinds;

namespace FreqScope.Experiments;

/// <summary>The <see cref="PoissonExperimentConfig.Poisson"/> experiment kind.</summary>
public sealed class PoissonKind : ExperimentKind<PoissonExperimentConfig>
{
    private PoissonKind()
        : base(PoissonExperimentConfig.Poisson, PoissonConfigJson.Default)
    {
    }

    /// <summary>The kind.</summary>
    public static PoissonKind Instance { get; } = new();

    /// <inheritdoc/>
    public override PoissonExperimentConfig Smoke(PoissonExperimentConfig config) => PoissonExperiment.Smoke(config);
}
