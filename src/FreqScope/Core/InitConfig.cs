namespace FreqScope.Core;

/// <summary>
/// How one kind of parameter (weights or biases) is initialized. JSON: <c>{"distribution": "normal", "std": 0.07}</c>
/// or <c>{"distribution": "normal", "scale": {"m": 200, "t": 0.5}}</c> meaning σ = m^(−t). Normal and uniform
/// require exactly one of std and scale; uniform with standard deviation σ draws from U(−σ√3, σ√3). The other
/// distributions take neither. <see cref="Gain"/> scales xavier and kaiming initializations.
/// </summary>
public sealed record InitConfig
{
    /// <summary>The distribution. Default <see cref="InitDistribution.Default"/> (PyTorch's <c>nn.Linear</c> default).</summary>
    public InitDistribution Distribution { get; init; } = InitDistribution.Default;

    /// <summary>Standard deviation σ (&gt; 0), when given directly.</summary>
    public double? Std { get; init; }

    /// <summary>The m of σ = m^(−t) (&gt; 0), when σ is given as a scale.</summary>
    public double? ScaleM { get; init; }

    /// <summary>The t of σ = m^(−t), when σ is given as a scale.</summary>
    public double? ScaleT { get; init; }

    /// <summary>Gain of xavier and kaiming initializations (&gt; 0). Default 1; must stay 1 for the other distributions.</summary>
    public double Gain { get; init; } = 1;

    /// <summary>σ for normal and uniform: <see cref="Std"/>, else m^(−t). Throws when neither is set.</summary>
    public double ResolvedStd => Std ?? Math.Pow(ScaleM!.Value, -ScaleT!.Value);
}
