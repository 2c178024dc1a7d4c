using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;

namespace FreqScope.Tests.Support;

/// <summary>Compares configs by their resolved JSON, which spells out every value.</summary>
public sealed class ConfigJsonComparer : IEqualityComparer<FitExperimentConfig>
{
    public bool Equals(FitExperimentConfig? x, FitExperimentConfig? y) =>
        x is not null && y is not null && FitExperiment.ToJson(x) == FitExperiment.ToJson(y);

    public int GetHashCode(FitExperimentConfig obj) => FitExperiment.ToJson(obj).GetHashCode();
}
