namespace FreqScope.Experiments.Classify;

/// <summary>How a subset of a dataset split is chosen. JSON: <c>"first"</c>, <c>"random"</c> or <c>"balanced"</c>.</summary>
public enum SubsetKind
{
    /// <summary>The first N images of the file.</summary>
    First,

    /// <summary>N images drawn without replacement (seeded).</summary>
    Random,

    /// <summary>N / classes images of each class (the remainder to the lowest classes), drawn without replacement (seeded).</summary>
    Balanced,
}
