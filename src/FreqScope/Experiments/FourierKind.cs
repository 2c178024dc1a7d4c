using FreqScope.Core.Kinds;

namespace FreqScope.Experiments;

/// <summary>The <see cref="FourierExperimentConfig.FourierFeatures"/> experiment kind.</summary>
public sealed class FourierKind : ExperimentKind<FourierExperimentConfig>
{
    private FourierKind()
        : base(FourierExperimentConfig.FourierFeatures, FourierConfigJson.Default)
    {
    }

    /// <summary>The kind.</summary>
    public static FourierKind Instance { get; } = new();

    /// <inheritdoc/>
    public override FourierExperimentConfig Smoke(FourierExperimentConfig config) => FourierExperiment.Smoke(config);
}
