namespace FreqScope.Core;

/// <summary>
/// Parameter initialization. JSON: <c>"default"</c>, <c>"normal"</c>, <c>"uniform"</c>, <c>"xavierNormal"</c>,
/// <c>"xavierUniform"</c>, <c>"kaimingNormal"</c>, <c>"kaimingUniform"</c>, <c>"zeros"</c>.
/// </summary>
public enum InitDistribution
{
    /// <summary>PyTorch's <c>nn.Linear</c> default (weights and biases U(−1/√fan_in, 1/√fan_in)).</summary>
    Default,

    /// <summary>N(0, σ²) with σ = <see cref="InitConfig.ResolvedStd"/>.</summary>
    Normal,

    /// <summary>U(−σ√3, σ√3): the uniform distribution whose standard deviation is σ = <see cref="InitConfig.ResolvedStd"/>.</summary>
    Uniform,

    /// <summary>Glorot normal, scaled by <see cref="InitConfig.Gain"/>.</summary>
    XavierNormal,

    /// <summary>Glorot uniform, scaled by <see cref="InitConfig.Gain"/>.</summary>
    XavierUniform,

    /// <summary>He normal (fan_in), scaled by <see cref="InitConfig.Gain"/>.</summary>
    KaimingNormal,

    /// <summary>He uniform (fan_in), scaled by <see cref="InitConfig.Gain"/>.</summary>
    KaimingUniform,

    /// <summary>All zeros.</summary>
    Zeros,
}
