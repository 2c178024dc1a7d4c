using FreqScope.Models;
using static TorchSharp.torch;

namespace FreqScope.Experiments;

/// <summary>Builds the 1-D network a <see cref="ModelConfig"/> describes, the same way for every experiment.</summary>
public static class NetworkFactory
{
    /// <summary>
    /// Seeds torch's generator with <paramref name="seed"/>, builds the MLP 1 → hidden → 1 (behind the input encoding
    /// when there is one, its Gaussian frequencies drawn from the same seed), and initialises every layer as
    /// configured. The module is on the CPU in float32.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Create(ModelConfig model, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        manual_seed(seed);
        if (model.Encoding.Kind == InputEncodingKind.None)
        {
            var mlp = new Mlp(1, model.Hidden, 1, model.Activation);
            Initializer.Apply(mlp, model.WeightInit, model.BiasInit);
            return mlp;
        }

        var encoded = new EncodedMlp(model.Encoding.ToEncoding(seed), 1, model.Hidden, 1, model.Activation);
        Initializer.Apply(encoded.Mlp, model.WeightInit, model.BiasInit);
        return encoded;
    }
}
