using FreqScope.Core.Kinds;

namespace FreqScope.Experiments;

/// <summary>The <see cref="FitExperimentConfig.Fit1d"/> experiment kind.</summary>
public sealed class FitKind : ExperimentKind<FitExperimentConfig>
{
    private FitKind()
        : base(FitExperimentConfig.Fit1d, FitConfigJson.Default)
    {
    }

    /// <summary>The kind.</summary>
    public static FitKind Instance { get; } = new();

    /// <inheritdoc/>
    public override FitExperimentConfig Smoke(FitExperimentConfig config) => FitExperiment.Smoke(config);
}
