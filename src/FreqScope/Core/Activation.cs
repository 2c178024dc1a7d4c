namespace FreqScope.Core;

/// <summary>Hidden-layer nonlinearity. JSON: <c>"tanh"</c>, <c>"relu"</c>, <c>"sigmoid"</c>, <c>"sin"</c>, <c>"gelu"</c>, <c>"softplus"</c>, <c>"leakyRelu"</c>.</summary>
public enum Activation
{
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>1 / (1 + e^−x).</summary>
    Sigmoid,

    /// <summary>sin(x).</summary>
    Sin,

    /// <summary>Gaussian error linear unit.</summary>
    Gelu,

    /// <summary>log(1 + e^x).</summary>
    Softplus,

    /// <summary>Leaky ReLU with PyTorch's default slope 0.01.</summary>
    LeakyRelu,
}
