using FreqScope.Core;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>The classification losses and the function h that the spectral measurements compare with one-hot targets.</summary>
public static class ClassificationLosses
{
    /// <summary>
    /// The mean loss of a batch, a scalar on the outputs' device. <see cref="LossKind.CrossEntropy"/>: the mean over
    /// the N samples of −log softmax(output)[label] (like <c>nn.CrossEntropyLoss</c>). <see cref="LossKind.Mse"/>:
    /// the mean over all N·classes entries of (output − one_hot(label))² (like <c>F.mse_loss(out, one_hot)</c>).
    /// </summary>
    /// <param name="outputs">Network outputs, N×classes (floating point).</param>
    /// <param name="labels">Class indices in 0..classes−1, int64, length N.</param>
    /// <param name="kind">Which loss.</param>
    /// <param name="classes">Number of classes; must equal the outputs' second dimension.</param>
    public static Tensor Compute(Tensor outputs, Tensor labels, LossKind kind, int classes)
    {
        Validate(outputs, labels, classes);
        switch (kind)
        {
            case LossKind.CrossEntropy:
                return nn.functional.cross_entropy(outputs, labels);
            case LossKind.Mse:
                using (var hot = nn.functional.one_hot(labels, classes))
                using (var target = hot.to(outputs.dtype))
                {
                    return nn.functional.mse_loss(outputs, target);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss");
        }
    }

    /// <summary>
    /// The mean loss against soft targets (N×classes, rows summing to 1): cross-entropy −mean_i Σ_c t_ic log softmax(o_i)_c,
    /// or the mean squared error over all entries. With one-hot targets it equals <see cref="Compute"/>.
    /// </summary>
    public static Tensor ComputeSoft(Tensor outputs, Tensor targets, LossKind kind)
    {
        if (outputs.dim() != 2 || !outputs.shape.SequenceEqual(targets.shape))
            throw new ArgumentException($"outputs [{string.Join(", ", outputs.shape)}] and targets [{string.Join(", ", targets.shape)}] must both be N×classes");
        return kind switch
        {
            LossKind.CrossEntropy => -(targets.to(outputs.dtype) * nn.functional.log_softmax(outputs, 1)).sum(1).mean(),
            LossKind.Mse => nn.functional.mse_loss(outputs, targets.to(outputs.dtype)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
        };
    }

    /// <summary>
    /// The network's function h compared with the one-hot targets: softmax over the classes for
    /// <see cref="LossKind.CrossEntropy"/>, the raw outputs for <see cref="LossKind.Mse"/> (as a new handle on the same
    /// data). The caller owns the returned tensor.
    /// </summary>
    public static Tensor Probabilities(Tensor outputs, LossKind kind)
    {
        if (outputs.dim() != 2) throw new ArgumentException($"outputs must be N×classes; got shape [{string.Join(", ", outputs.shape)}]", nameof(outputs));
        return kind switch
        {
            LossKind.CrossEntropy => outputs.softmax(1),
            LossKind.Mse => outputs.alias(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
        };
    }

    private static void Validate(Tensor outputs, Tensor labels, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (outputs.dim() != 2 || outputs.shape[1] != classes)
            throw new ArgumentException($"outputs must be N×{classes}; got shape [{string.Join(", ", outputs.shape)}]", nameof(outputs));
        if (labels.dim() != 1 || labels.shape[0] != outputs.shape[0])
            throw new ArgumentException($"labels must be a vector of {outputs.shape[0]} class indices; got shape [{string.Join(", ", labels.shape)}]", nameof(labels));
        if (labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be int64; got {labels.dtype}", nameof(labels));
    }
}
