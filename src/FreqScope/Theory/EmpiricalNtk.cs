using FreqScope.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Theory;

/// <summary>
/// The empirical neural tangent kernel of a scalar-output network at its current parameters:
/// Θ(x, x′) = Σ_p ∂f(x)/∂p · ∂f(x′)/∂p, the sum running over every parameter with <c>requires_grad</c> true.
/// </summary>
/// <remarks>
/// <para>
/// Convention: the model maps an n×d input to an n×1 (or length-n) output, one row per example, and treats rows
/// independently (no batch statistics). The parameter Jacobian row J_i = ∂f(x_i)/∂θ ∈ ℝ^P of each example is taken
/// by autograd on that example alone (one forward and one <c>autograd.grad</c> per row); Θ = J Jᵀ.
/// </para>
/// <para>
/// Memory: the kernel is assembled block by block. Rows are grouped into blocks of b = ⌊batchSize/2⌋ examples;
/// for every pair of blocks (A, B) the two Jacobian blocks J_A, J_B (b×P each, float64 on the CPU) are held and
/// J_A J_Bᵀ is added to the result, so at most batchSize Jacobian rows — batchSize·P·8 bytes — are alive at a time,
/// plus the n₁×n₂ float64 result and, while a block is being built, its b per-row gradients in the parameters' dtype
/// and device (twice over during the one concatenation, before the block is widened to float64). The price is
/// recomputation: each Jacobian row is computed about n/(2b) times in the symmetric case (n₂/b times in the cross
/// case); with batchSize ≥ 2n each row is computed once.
/// </para>
/// <para>
/// Products are formed and accumulated in float64 on the CPU (the Jacobian itself has the model's precision).
/// Parameters' <c>.grad</c> fields are left untouched (autograd.grad is used, never backward); the model's
/// train/eval mode is not changed. Works in and outside a <c>no_grad</c> block.
/// </para>
/// </remarks>
public static class EmpiricalNtk
{
    /// <summary>The n×n kernel Θ_ij = ⟨∂f(x_i)/∂θ, ∂f(x_j)/∂θ⟩ on the rows of <paramref name="x"/>.</summary>
    /// <param name="model">Scalar-output model: n×d input → n×1 output; its parameters with requires_grad true are θ.</param>
    /// <param name="x">Inputs, n×d (rows are examples), on the model's device and dtype.</param>
    /// <param name="batchSize">Most Jacobian rows held at once (≥ 2); see the class remarks.</param>
    /// <returns>Θ as a row-major n×n array, exactly symmetric (the lower triangle is copied from the upper).</returns>
    /// <exception cref="ArgumentException">x is not 2-D, the model has no trainable parameter, or its output is not one scalar per row.</exception>
    /// <exception cref="ArgumentOutOfRangeException">batchSize &lt; 2.</exception>
    public static double[,] Compute(nn.Module<Tensor, Tensor> model, Tensor x, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        var parameters = TrainableParameters(model, x, batchSize);
        var n = (int)x.shape[0];
        var result = new double[n, n];
        var block = Math.Max(1, batchSize / 2);
        for (var a = 0; a < n; a += block)
        {
            using var outer = NewDisposeScope();
            var rowsA = Math.Min(block, n - a);
            var ja = JacobianBlock(model, parameters, x, a, rowsA);
            for (var b = a; b < n; b += block)
            {
                using var inner = NewDisposeScope();
                var rowsB = Math.Min(block, n - b);
                var jb = b == a ? ja : JacobianBlock(model, parameters, x, b, rowsB);
                var product = matmul(ja, jb.t()).contiguous().data<double>().ToArray();
                for (var i = 0; i < rowsA; i++)
                {
                    for (var j = 0; j < rowsB; j++)
                    {
                        result[a + i, b + j] = product[(i * rowsB) + j];
                    }
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                result[i, j] = result[j, i];
            }
        }

        return result;
    }

    /// <summary>The n₁×n₂ cross kernel Θ_ij = ⟨∂f(x1_i)/∂θ, ∂f(x2_j)/∂θ⟩.</summary>
    /// <param name="model">Scalar-output model: n×d input → n×1 output; its parameters with requires_grad true are θ.</param>
    /// <param name="x1">Row inputs, n₁×d.</param>
    /// <param name="x2">Column inputs, n₂×d (same d, device and dtype as x1).</param>
    /// <param name="batchSize">Most Jacobian rows held at once (≥ 2); see the class remarks.</param>
    /// <returns>Θ(x1, x2) as a row-major n₁×n₂ array.</returns>
    /// <exception cref="ArgumentException">An input is not 2-D, the widths differ, the model has no trainable parameter, or its output is not one scalar per row.</exception>
    /// <exception cref="ArgumentOutOfRangeException">batchSize &lt; 2.</exception>
    public static double[,] Compute(nn.Module<Tensor, Tensor> model, Tensor x1, Tensor x2, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        var parameters = TrainableParameters(model, x1, batchSize);
        if (x2.dim() != 2 || x2.shape[1] != x1.shape[1])
        {
            throw new ArgumentException($"x2 must be n₂×{x1.shape[1]}, got [{string.Join(", ", x2.shape)}].", nameof(x2));
        }

        var n1 = (int)x1.shape[0];
        var n2 = (int)x2.shape[0];
        var result = new double[n1, n2];
        var block = Math.Max(1, batchSize / 2);
        for (var a = 0; a < n1; a += block)
        {
            using var outer = NewDisposeScope();
            var rowsA = Math.Min(block, n1 - a);
            var ja = JacobianBlock(model, parameters, x1, a, rowsA);
            for (var b = 0; b < n2; b += block)
            {
                using var inner = NewDisposeScope();
                var rowsB = Math.Min(block, n2 - b);
                var jb = JacobianBlock(model, parameters, x2, b, rowsB);
                var product = matmul(ja, jb.t()).contiguous().data<double>().ToArray();
                for (var i = 0; i < rowsA; i++)
                {
                    for (var j = 0; j < rowsB; j++)
                    {
                        result[a + i, b + j] = product[(i * rowsB) + j];
                    }
                }
            }
        }

        return result;
    }

    private static Tensor[] TrainableParameters(nn.Module<Tensor, Tensor> model, Tensor x, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 2);
        NativeLoader.EnsureLoaded();
        if (x.dim() != 2)
        {
            throw new ArgumentException($"x must be n×d, got [{string.Join(", ", x.shape)}].", nameof(x));
        }

        var parameters = model.parameters().Where(p => p.requires_grad).ToArray();
        if (parameters.Length == 0)
        {
            throw new ArgumentException("The model has no parameter with requires_grad true.", nameof(model));
        }

        return parameters;
    }

    /// <summary>Rows start … start+rows−1 of the Jacobian, rows×P float64 on the CPU (a tensor of the caller's scope).</summary>
    /// <remarks>
    /// The per-row gradients are kept as they come and joined by one <c>cat</c> per block: per-row copies would be
    /// many small parallel kernels, whose thread hand-off dominates the time on a busy machine.
    /// </remarks>
    private static Tensor JacobianBlock(nn.Module<Tensor, Tensor> model, Tensor[] parameters, Tensor x, int start, int rows)
    {
        using var scope = NewDisposeScope();
        var pieces = new List<Tensor>(rows * parameters.Length);
        using (enable_grad())
        {
            for (var i = 0; i < rows; i++)
            {
                var output = model.forward(x.narrow(0, start + i, 1).detach());
                if (output.numel() != 1)
                {
                    throw new ArgumentException($"The model must return one scalar per input row; got shape [{string.Join(", ", output.shape)}] for one row.", nameof(model));
                }

                var grads = autograd.grad([output.reshape(1)], parameters, allow_unused: true);
                for (var k = 0; k < parameters.Length; k++)
                {
                    var g = grads[k];
                    pieces.Add(g is not null && !g.IsInvalid
                        ? g.detach().reshape(-1)
                        : zeros([parameters[k].numel()], dtype: parameters[k].dtype, device: parameters[k].device));
                }
            }
        }

        using var _ = no_grad();
        return cat(pieces, 0).view(rows, -1).to(float64, CPU).MoveToOuterDisposeScope();
    }
}
