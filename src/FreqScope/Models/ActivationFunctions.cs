using FreqScope.Core;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>Maps an <see cref="Activation"/> to the tensor function it names (PyTorch's definitions).</summary>
public static class ActivationFunctions
{
    public static Func<Tensor, Tensor> Get(Activation activation) => activation switch
    {
        Activation.Tanh => t => t.tanh(),
        Activation.Relu => t => t.relu(),
        Activation.Sigmoid => t => t.sigmoid(),
        Activation.Sin => t => t.sin(),
        Activation.Gelu => t => nn.functional.gelu(t),
        Activation.Softplus => t => nn.functional.softplus(t),
        Activation.LeakyRelu => t => nn.functional.leaky_relu(t, 0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
