using FreqScope.Data;
using FreqScope.Spectral;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>
/// Gradient steps on L = <see cref="LossScale"/> · mean((f(x) − y)²) over a fixed training set, the trainer of the
/// kinds whose networks fit points directly. Whether the loss is halved is stated here, once:
/// <see cref="HalfMse"/> (L = (1/2n) Σ (f − y)², the loss gradient-flow theory and the linearised dynamics describe:
/// fourier-features and ntk) or <see cref="Mse"/> (L = (1/n) Σ (f − y)²: parity and image-fit). With a batch size
/// below the training set, epoch e visits the points in the order of a Fisher–Yates shuffle seeded by (seed, e), so
/// the batch of any step follows from the step and the seed alone (resume needs no sampler state).
/// </summary>
public sealed class MseTrainer : IDisposable
{
    /// <summary>The scale of L = (1/2n) Σ (f − y)².</summary>
    public const double HalfMse = 0.5;

    /// <summary>The scale of L = (1/n) Σ (f − y)².</summary>
    public const double Mse = 1;

    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Tensor _x, _y;
    private readonly int? _batchSize;
    private readonly long _seed;
    private int[]? _order;
    private long _orderEpoch = -1;

    /// <summary>A trainer of <paramref name="model"/> on inputs <paramref name="x"/> (n × d) and targets <paramref name="y"/> (shaped as the output) with <paramref name="optimizer"/>.</summary>
    public MseTrainer(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, optim.Optimizer optimizer, double lossScale, int? batchSize = null, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        _model = model;
        _x = x;
        _y = y;
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        LossScale = lossScale;
        _batchSize = batchSize;
        _seed = seed;
    }

    /// <summary>The factor in front of the mean squared error.</summary>
    public double LossScale { get; }

    /// <summary>The optimizer.</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>One optimizer step on the batch of step <paramref name="step"/> (the whole set without a batch size).</summary>
    public void Step(long step)
    {
        using var scope = NewDisposeScope();
        Optimizer.zero_grad();
        Tensor x = _x, y = _y;
        int n = (int)_x.shape[0];
        if (_batchSize is int b && b < n)
        {
            long perEpoch = (n + b - 1) / b;
            long epoch = step / perEpoch;
            if (epoch != _orderEpoch)
            {
                _order = Enumerable.Range(0, n).ToArray();
                var random = new SplitMix64(unchecked(_seed * 1_000_003 + epoch));
                for (int i = n - 1; i > 0; i--)
                {
                    int j = (int)(random.NextUInt64() % (ulong)(i + 1));
                    (_order[i], _order[j]) = (_order[j], _order[i]);
                }

                _orderEpoch = epoch;
            }

            int start = (int)(step % perEpoch) * b;
            var index = tensor(_order![start..Math.Min(n, start + b)].Select(v => (long)v).ToArray(), device: _x.device);
            x = _x.index_select(0, index);
            y = _y.index_select(0, index);
        }

        var d = _model.forward(x).view(y.shape) - y;
        var loss = LossScale == Mse ? (d * d).mean() : LossScale * (d * d).mean();
        loss.backward();
        Optimizer.step();
    }

    /// <summary>Disposes the optimizer (the model and data belong to the caller).</summary>
    public void Dispose() => Optimizer.Dispose();
}
