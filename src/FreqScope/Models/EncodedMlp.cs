using FreqScope.Core;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>
/// An <see cref="InputEncoding"/> γ followed by an <see cref="Mlp"/>: f(x) = Mlp(γ(x)). The encoding's frequency matrix
/// B (cycles per unit of x, see <see cref="InputEncoding"/>) is a float32 buffer named <c>encoding_matrix</c>: it moves
/// with the module and is saved in its state, but is not a parameter and is never trained. The MLP is the submodule
/// <c>mlp</c> (layers <c>mlp.layer0</c>, …) with PyTorch's default initialisation; use <see cref="Initializer"/> on
/// <see cref="Mlp"/> for others.
/// </summary>
public sealed class EncodedMlp : nn.Module<Tensor, Tensor>
{
    private const string MatrixName = "encoding_matrix";
    private readonly Mlp _mlp;

    /// <param name="encoding">The input encoding γ.</param>
    /// <param name="inputDimension">d ≥ 1, the dimension of x before encoding.</param>
    /// <param name="hidden">The MLP's hidden widths.</param>
    /// <param name="outputDimension">The MLP's output width.</param>
    /// <param name="activation">The MLP's activation.</param>
    /// <exception cref="ArgumentException">d does not suit the encoding (see <see cref="InputEncoding.OutputDimension"/>).</exception>
    public EncodedMlp(InputEncoding encoding, int inputDimension, IReadOnlyList<int> hidden, int outputDimension, Activation activation)
        : base(nameof(EncodedMlp))
    {
        ArgumentNullException.ThrowIfNull(encoding);
        Encoding = encoding;
        InputDimension = inputDimension;
        _mlp = new Mlp(encoding.OutputDimension(inputDimension), hidden, outputDimension, activation);
        register_module("mlp", _mlp);
        if (encoding.Kind != InputEncodingKind.None)
        {
            var values = Array.ConvertAll(encoding.FrequencyMatrix(inputDimension), v => (float)v);
            // Looked up by name when used: to(device/dtype) replaces the registered tensor.
            register_buffer(MatrixName, tensor(values, [encoding.MatrixRows(inputDimension), inputDimension]));
        }
    }

    /// <summary>The input encoding γ.</summary>
    public InputEncoding Encoding { get; }

    /// <summary>d, the dimension of x before encoding.</summary>
    public int InputDimension { get; }

    /// <summary>The MLP that reads γ(x).</summary>
    public Mlp Mlp => _mlp;

    /// <summary>The encoding's B as held by this module (M×d float32, cycles per unit of x); null for <see cref="InputEncodingKind.None"/>.</summary>
    public Tensor? EncodingMatrix => Encoding.Kind == InputEncodingKind.None ? null : get_buffer(MatrixName);

    /// <summary>Number of trainable scalars (the MLP's; B is not trained).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Mlp(γ(x)) for inputs (n×d) in the parameters' dtype; returns (n × output width).</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 2 || input.shape[1] != InputDimension)
        {
            throw new ArgumentException($"EncodedMlp expects inputs of shape (n, {InputDimension}); got ({string.Join(", ", input.shape)}).", nameof(input));
        }

        if (EncodingMatrix is not { } matrix)
        {
            return _mlp.forward(input);
        }

        using var scope = NewDisposeScope();
        return _mlp.forward(InputEncoding.EncodeWith(input, matrix)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _mlp.Dispose();
            EncodingMatrix?.Dispose();
        }

        base.Dispose(disposing);
    }
}
