using FreqScope.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>
/// K independent fully connected networks d → hidden… → 1 (same depth, activation and input dimension) stacked into
/// one module: layer l holds <c>weight{l}</c> [K, in, out] and <c>bias{l}</c> [K, 1, out], and the forward pass is
/// one batched product per layer (<c>baddbmm</c>). Members may have different hidden widths: every layer is padded to
/// the largest width of that layer, padded weights and biases are zero, and <see cref="MaskGradients"/> keeps them
/// zero, so member k computes exactly the function of its own unpadded network (the padded units feed the next layer
/// through zero weights only). Member k is built by <see cref="NetworkFactory.Create"/> with its own config and seed
/// and its parameters copied in, so it starts bit-identical to the single network of that config and seed.
/// </summary>
public sealed class EnsembleMlp : nn.Module<Tensor, Tensor>
{
    private readonly List<Parameter> _weights = [];
    private readonly List<Parameter> _biases = [];
    private readonly List<(Tensor Weight, Tensor Bias)?> _masks = [];
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Number of members K.</summary>
    public int Count { get; }

    /// <summary>Input dimension d of every member.</summary>
    public int InputDimension { get; }

    /// <summary>The members' activation.</summary>
    public Activation Activation { get; }

    /// <summary>Each member's hidden widths (unpadded).</summary>
    public IReadOnlyList<IReadOnlyList<int>> MemberHidden { get; }

    /// <summary>The padded widths of every layer's input and output, e.g. [1, 200, 200, 1].</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>True when some member is narrower than the padded widths (gradients are then masked).</summary>
    public bool HasPadding { get; }

    /// <summary>
    /// Builds the ensemble of the networks <paramref name="models"/>[k] initialised with <paramref name="seeds"/>[k]
    /// (each through <see cref="NetworkFactory.Create"/>, which seeds torch's generator), in float32 on
    /// <paramref name="device"/> (default the CPU). Move it only by building it on the device you want.
    /// </summary>
    /// <exception cref="ArgumentException">The members cannot be stacked: an input encoding, different depths or
    /// different activations (the message names the member and the difference).</exception>
    public EnsembleMlp(IReadOnlyList<ModelConfig> models, IReadOnlyList<long> seeds, int inputDimension = 1, Device? device = null) : base(nameof(EnsembleMlp))
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(seeds);
        if (models.Count == 0) throw new ArgumentException("an ensemble needs at least one member", nameof(models));
        if (models.Count != seeds.Count) throw new ArgumentException($"{models.Count} member models but {seeds.Count} seeds", nameof(seeds));
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);
        CheckStackable(models);

        Count = models.Count;
        InputDimension = inputDimension;
        Activation = models[0].Activation;
        MemberHidden = [.. models.Select(m => (IReadOnlyList<int>)[.. m.Hidden])];
        int depth = models[0].Hidden.Count;
        var widths = new List<int> { inputDimension };
        for (int l = 0; l < depth; l++) widths.Add(models.Max(m => m.Hidden[l]));
        widths.Add(1);
        Widths = widths;
        HasPadding = models.Any(m => !m.Hidden.SequenceEqual(widths.Skip(1).Take(depth)));
        _activation = ActivationFunctions.Get(Activation);

        device ??= CPU;
        var w = new List<Tensor>();
        var b = new List<Tensor>();
        using (no_grad())
        {
            for (int l = 0; l <= depth; l++)
            {
                w.Add(zeros(Count, widths[l], widths[l + 1]));
                b.Add(zeros(Count, 1, widths[l + 1]));
            }

            for (int k = 0; k < Count; k++)
            {
                using var single = NetworkFactory.Create(models[k], seeds[k], inputDimension);
                using var scope = NewDisposeScope();
                var mlp = (Mlp)single;
                for (int l = 0; l <= depth; l++)
                {
                    var layer = mlp.Layers[l];
                    long i = layer.in_features, o = layer.out_features;
                    w[l][k].narrow(0, 0, i).narrow(1, 0, o).copy_(layer.weight!.t());
                    b[l][k].narrow(1, 0, o).copy_(layer.bias!);
                }
            }
        }

        for (int l = 0; l <= depth; l++)
        {
            bool onCpu = device.type == DeviceType.CPU;
            _weights.Add(new Parameter(onCpu ? w[l] : w[l].to(device)));
            _biases.Add(new Parameter(onCpu ? b[l] : b[l].to(device)));
            register_parameter($"weight{l}", _weights[l]);
            register_parameter($"bias{l}", _biases[l]);
            if (!onCpu)
            {
                w[l].Dispose();
                b[l].Dispose();
            }

            if (!HasPadding)
            {
                _masks.Add(null);
                continue;
            }

            var wm = zeros(Count, widths[l], widths[l + 1], device: device);
            var bm = zeros(Count, 1, widths[l + 1], device: device);
            using (var scope = NewDisposeScope())
            {
                for (int k = 0; k < Count; k++)
                {
                    var memberWidths = MemberWidths(k);
                    wm[k].narrow(0, 0, memberWidths[l]).narrow(1, 0, memberWidths[l + 1]).fill_(1);
                    bm[k].narrow(1, 0, memberWidths[l + 1]).fill_(1);
                }
            }

            _masks.Add((wm, bm));
        }
    }

    /// <summary>The stacked weights [K, in, out], input side first.</summary>
    public IReadOnlyList<Parameter> Weights => _weights;

    /// <summary>The stacked biases [K, 1, out], input side first.</summary>
    public IReadOnlyList<Parameter> Biases => _biases;

    /// <summary>Every parameter in layer order (weight0, bias0, weight1, …).</summary>
    public IReadOnlyList<Parameter> Parameters => [.. _weights.Zip(_biases).SelectMany(p => new[] { p.First, p.Second })];

    /// <summary>Member k's unpadded widths, e.g. [1, 100, 100, 1].</summary>
    public IReadOnlyList<int> MemberWidths(int k) => [InputDimension, .. MemberHidden[k], 1];

    /// <summary>
    /// Refuses members that cannot be stacked, naming the member and the difference: an input encoding, a depth or an
    /// activation unlike member 0's.
    /// </summary>
    /// <exception cref="ArgumentException">The members cannot be stacked.</exception>
    public static void CheckStackable(IReadOnlyList<ModelConfig> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        for (int k = 0; k < models.Count; k++)
        {
            var m = models[k];
            if (m.Encoding.Kind != InputEncodingKind.None)
                throw new ArgumentException($"ensemble member {k} has an input encoding ({m.Encoding.Kind}); only plain MLPs can be stacked", nameof(models));
            if (m.Hidden.Count != models[0].Hidden.Count)
                throw new ArgumentException($"ensemble member {k} has {m.Hidden.Count} hidden layers but member 0 has {models[0].Hidden.Count}; members must have the same depth", nameof(models));
            if (m.Activation != models[0].Activation)
                throw new ArgumentException($"ensemble member {k} uses activation {m.Activation} but member 0 uses {models[0].Activation}; members must share the activation", nameof(models));
        }
    }

    /// <summary>
    /// Outputs [K, n, 1] for inputs [K, n, d] (member k reads row block k) or [n, d] (every member reads the same points).
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var h = input.dim() == 2 ? input.unsqueeze(0).expand(Count, -1, -1) : input;
        if (h.dim() != 3 || h.shape[0] != Count || h.shape[2] != InputDimension)
            throw new ArgumentException($"expected inputs [{Count}, n, {InputDimension}] or [n, {InputDimension}], got [{string.Join(", ", input.shape)}]", nameof(input));
        // TorchSharp's Tensor.baddbmm(batch2, mat) is mat + this·batch2 (this is batch1).
        int last = _weights.Count - 1;
        for (int l = 0; l < last; l++)
            h = _activation(h.baddbmm(_weights[l], _biases[l]));
        return h.baddbmm(_weights[last], _biases[last]);
    }

    /// <summary>Zeroes the gradients of padded weights and biases (nothing to do without padding).</summary>
    public void MaskGradients()
    {
        if (!HasPadding) return;
        for (int l = 0; l < _weights.Count; l++)
        {
            var (wm, bm) = _masks[l]!.Value;
            _weights[l].grad?.mul_(wm);
            _biases[l].grad?.mul_(bm);
        }
    }

    /// <summary>
    /// Member k as an ordinary <see cref="Mlp"/> (its unpadded parameters copied out; on the CPU, float32), e.g. to
    /// compare it with a single network or to save it alone.
    /// </summary>
    public Mlp ExtractMember(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Count);
        var mlp = new Mlp(InputDimension, MemberHidden[k], 1, Activation);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        for (int l = 0; l < _weights.Count; l++)
        {
            var layer = mlp.Layers[l];
            long i = layer.in_features, o = layer.out_features;
            layer.weight!.copy_(_weights[l][k].narrow(0, 0, i).narrow(1, 0, o).t().cpu());
            layer.bias!.copy_(_biases[l][k].narrow(1, 0, o).reshape(-1).cpu());
        }

        return mlp;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var p in _weights.Concat(_biases)) p.Dispose();
            foreach (var m in _masks)
            {
                m?.Weight.Dispose();
                m?.Bias.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
