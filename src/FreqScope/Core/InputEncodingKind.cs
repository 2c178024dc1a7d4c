namespace FreqScope.Core;

/// <summary>The input encodings of Tancik et al., "Fourier features let networks learn high frequency functions".</summary>
public enum InputEncodingKind
{
    /// <summary>γ(x) = x.</summary>
    None,

    /// <summary>γ(x) = [cos(2πx), sin(2πx)] per component.</summary>
    Basic,

    /// <summary>γ(x) = [cos(2π σ^{j/L} x), sin(2π σ^{j/L} x)] for j = 0..L−1, per component.</summary>
    Positional,

    /// <summary>γ(x) = [cos(2πBx), sin(2πBx)] with B ~ N(0, σ²) of shape m×d.</summary>
    Gaussian,
}
