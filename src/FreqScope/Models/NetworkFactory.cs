using FreqScope.Core;
using FreqScope.Models;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>Builds the network (d inputs, one output) a <see cref="ModelConfig"/> describes, the same way for every experiment.</summary>
public static class NetworkFactory
{
    /// <summary>
    /// Seeds torch's generator with <paramref name="seed"/>, builds the MLP d → hidden → 1 (behind the input encoding
    /// when there is one, its Gaussian frequencies drawn from the same seed), and initialises every layer as
    /// configured. The module is on the CPU in float32.
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="seed">Seed of the initialization and of a Gaussian encoding's frequencies.</param>
    /// <param name="inputDimension">The input dimension d ≥ 1 (1 for fit1d, 2 for image-fit).</param>
    public static nn.Module<Tensor, Tensor> Create(ModelConfig model, long seed, int inputDimension = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);
        ArgumentNullException.ThrowIfNull(model);
        manual_seed(seed);
        if (model.Encoding.Kind == InputEncodingKind.None)
        {
            var mlp = new Mlp(inputDimension, model.Hidden, 1, model.Activation);
            Initializer.Apply(mlp, model.WeightInit, model.BiasInit);
            return mlp;
        }

        var encoded = new EncodedMlp(InputEncoding.From(model.Encoding, seed, inputDimension), inputDimension, model.Hidden, 1, model.Activation);
        Initializer.Apply(encoded.Mlp, model.WeightInit, model.BiasInit);
        return encoded;
    }
}
