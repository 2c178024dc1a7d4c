namespace FreqScope.Theory;

/// <summary>The family of a <see cref="FirstLayerWeights"/> distribution.</summary>
public enum FirstLayerWeightsKind
{
    /// <summary>N(0, σ²).</summary>
    Normal,

    /// <summary>U(−b, b), whose standard deviation is σ = b/√3.</summary>
    Uniform,
}
