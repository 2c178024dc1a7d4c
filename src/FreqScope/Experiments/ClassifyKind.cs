using FreqScope.Core.Kinds;

namespace FreqScope.Experiments;

/// <summary>The <see cref="ClassifyExperimentConfig.Classify"/> experiment kind.</summary>
public sealed class ClassifyKind : ExperimentKind<ClassifyExperimentConfig>
{
    private ClassifyKind()
        : base(ClassifyExperimentConfig.Classify, ClassifyConfigJson.Default)
    {
    }

    /// <summary>The kind.</summary>
    public static ClassifyKind Instance { get; } = new();

    /// <inheritdoc/>
    public override ClassifyExperimentConfig Smoke(ClassifyExperimentConfig config) => ClassifyExperiment.Smoke(config);
}
