using FreqScope.Core.Kinds;

namespace FreqScope.Experiments;

/// <summary>The <see cref="ParityExperimentConfig.Parity"/> experiment kind.</summary>
public sealed class ParityKind : ExperimentKind<ParityExperimentConfig>
{
    private ParityKind()
        : base(ParityExperimentConfig.Parity, ParityConfigJson.Default)
    {
    }

    /// <summary>The kind.</summary>
    public static ParityKind Instance { get; } = new();

    /// <inheritdoc/>
    public override ParityExperimentConfig Smoke(ParityExperimentConfig config) => ParityExperiment.Smoke(config);
}
