namespace FreqScope.Core;

/// <summary>Which relative spectral error decides convergence. JSON: <c>"complex"</c> or <c>"magnitude"</c>.</summary>
public enum ErrorForm
{
    /// <summary>|ĥ_k − ŷ_k| / |ŷ_k| (phase errors count).</summary>
    Complex,

    /// <summary>||ĥ_k| − |ŷ_k|| / |ŷ_k| (amplitude only).</summary>
    Magnitude,
}
