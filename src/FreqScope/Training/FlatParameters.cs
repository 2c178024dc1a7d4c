using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>
/// Packs a network's trainable parameters into one contiguous buffer so that an optimizer updates them all with a
/// handful of tensor operations instead of a handful per parameter tensor.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Buffer"/> is a 1-D leaf <see cref="Parameter"/> holding every packed parameter's values end to end, in
/// the order given; each packed parameter is re-pointed (<c>set_</c>) at its slice of that storage, so it stays a
/// leaf of the same shape whose values are the buffer's. Its <c>.grad</c> is made the matching slice of
/// <see cref="Buffer"/>'s gradient: backward accumulates in place into those slices (autograd adds into an existing
/// gradient), so after <c>backward</c> the buffer's gradient is the whole gradient, and zeroing it is one operation.
/// </para>
/// <para>
/// An optimizer given <see cref="Buffer"/> as its only parameter then performs, element by element, exactly the update
/// it would perform on the separate tensors (SGD and Adam are elementwise): measured bitwise identical for Adam on the
/// default 1-D network. The one difference is for a parameter that gets no gradient in a step: it sees a zero
/// gradient instead of none, so Adam's moments still decay for it (PyTorch would skip it).
/// </para>
/// <para>
/// Parameters that do not require a gradient are left as they are. Packing needs every trainable parameter on one
/// device with one dtype; <see cref="TryPack"/> returns null otherwise.
/// </para>
/// </remarks>
public sealed class FlatParameters
{
    private FlatParameters(Parameter buffer, IReadOnlyList<Parameter> packed)
    {
        Buffer = buffer;
        Packed = packed;
    }

    /// <summary>The packed values (1-D); its <c>.grad</c> is the packed gradient.</summary>
    public Parameter Buffer { get; }

    /// <summary>The parameters now living in <see cref="Buffer"/>, in order.</summary>
    public IReadOnlyList<Parameter> Packed { get; }

    /// <summary>
    /// Packs the trainable parameters among <paramref name="parameters"/> (their current values are kept); null when
    /// there are fewer than two of them or they differ in device or dtype (then there is nothing to gain, or it
    /// cannot be done).
    /// </summary>
    public static FlatParameters? TryPack(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var trainable = parameters.Where(p => p.requires_grad).Distinct().ToList();
        if (trainable.Count < 2) return null;
        var device = trainable[0].device;
        var dtype = trainable[0].dtype;
        if (trainable.Any(p => p.device_type != device.type || p.device_index != device.index || p.dtype != dtype || p.is_sparse)) return null;

        long total = trainable.Sum(p => p.numel());
        var buffer = new Parameter(zeros(total, dtype, device), requires_grad: true);
        buffer.grad = zeros(total, dtype, device);
        using (no_grad())
        {
            long offset = 0;
            foreach (var p in trainable)
            {
                long n = p.numel();
                using var values = buffer.narrow(0, offset, n).view(p.shape);
                values.copy_(p);
                p.set_(values);
                using var old = p.grad;
                p.grad = buffer.grad!.narrow(0, offset, n).view(p.shape);
                offset += n;
            }
        }

        return new FlatParameters(buffer, trainable);
    }
}
