using System.Globalization;

namespace FreqScope.Theory;

/// <summary>
/// The distribution of a one-hidden-layer network's input weights w (the first layer's weights of a network with one
/// scalar input x, so each hidden neuron is σ(w x + b)): N(0, σ²) or U(−b, b). Both are symmetric about 0, which is
/// what <see cref="ActivationSpectrum.Priority(FreqScope.Core.Activation, double, FirstLayerWeights)"/> relies on.
/// </summary>
public sealed record FirstLayerWeights
{
    private FirstLayerWeights(FirstLayerWeightsKind kind, double std)
    {
        Kind = kind;
        Std = std;
    }

    /// <summary>The family.</summary>
    public FirstLayerWeightsKind Kind { get; }

    /// <summary>The standard deviation σ of w (for U(−b, b) σ = b/√3).</summary>
    public double Std { get; }

    /// <summary>The half-width b of U(−b, b) (b = σ√3), or null for a normal distribution.</summary>
    public double? Bound => Kind == FirstLayerWeightsKind.Uniform ? Std * Math.Sqrt(3) : null;

    /// <summary>w ~ N(0, <paramref name="std"/>²).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="std"/> is not a finite number &gt; 0.</exception>
    public static FirstLayerWeights Normal(double std)
    {
        if (!(std > 0) || double.IsInfinity(std)) throw new ArgumentOutOfRangeException(nameof(std), std, "the standard deviation must be a finite number > 0");
        return new FirstLayerWeights(FirstLayerWeightsKind.Normal, std);
    }

    /// <summary>w ~ U(−<paramref name="bound"/>, <paramref name="bound"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not a finite number &gt; 0.</exception>
    public static FirstLayerWeights Uniform(double bound)
    {
        if (!(bound > 0) || double.IsInfinity(bound)) throw new ArgumentOutOfRangeException(nameof(bound), bound, "the bound must be a finite number > 0");
        return new FirstLayerWeights(FirstLayerWeightsKind.Uniform, bound / Math.Sqrt(3));
    }

    /// <summary>The distribution in words, e.g. <c>N(0, 0.0707²)</c> or <c>U(−1, 1)</c> (4 significant digits).</summary>
    public override string ToString() => Kind == FirstLayerWeightsKind.Normal
        ? string.Create(CultureInfo.InvariantCulture, $"N(0, {Std:G4}²)")
        : string.Create(CultureInfo.InvariantCulture, $"U(−{Bound:G4}, {Bound:G4})");
}
