namespace FreqScope.Experiments.Classify;

/// <summary>The projection method's data direction. JSON: <c>"pca"</c>, <c>"random"</c> or <c>"vector"</c>.</summary>
public enum DirectionKind
{
    /// <summary>The k-th principal component of the training inputs.</summary>
    Pca,

    /// <summary>A random unit vector (i.i.d. normal coordinates, normalised; seeded).</summary>
    Random,

    /// <summary>A vector given in the config (normalised to unit length).</summary>
    Vector,
}
