using FreqScope.Core.Kinds;

namespace FreqScope.Experiments;

/// <summary>The <see cref="NtkExperimentConfig.Ntk"/> experiment kind.</summary>
public sealed class NtkKind : ExperimentKind<NtkExperimentConfig>
{
    private NtkKind()
        : base(NtkExperimentConfig.Ntk, NtkConfigJson.Default)
    {
    }

    /// <summary>The kind.</summary>
    public static NtkKind Instance { get; } = new();

    /// <inheritdoc/>
    public override NtkExperimentConfig Smoke(NtkExperimentConfig config) => NtkExperiment.Smoke(config);
}
