using FreqScope.Experiments;
using FreqScope.Experiments.Fit1d;

namespace FreqScope.Tests.Support;

/// <summary>Compares configs by their resolved JSON, which spells out every value.</summary>
public sealed class ConfigJsonComparer : IEqualityComparer<FitExperimentConfig>
{
    public bool Equals(FitExperimentConfig? x, FitExperimentConfig? y) =>
        x is not null && y is not null && ConfigLoader.ToJson(x) == ConfigLoader.ToJson(y);

    public int GetHashCode(FitExperimentConfig obj) => ConfigLoader.ToJson(obj).GetHashCode();
}
