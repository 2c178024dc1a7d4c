using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>
/// Trains a 1-input network on (x, y) pairs with MSE, optionally plus an H¹ term λ·mean((f′(x) − y′(x))²)
/// (derivative matching, f′ by autograd). Each step runs inside its own dispose scope, so no tensor outlives it.
/// </summary>
public sealed class FitTrainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly Tensor? _dy;
    private readonly double _h1Weight;
    private readonly BatchSampler _sampler;
    private readonly Device _device;

    public optim.Optimizer Optimizer { get; }
    public BatchSampler Sampler => _sampler;

    /// <param name="model">The network, already on <paramref name="device"/>.</param>
    /// <param name="x">Training inputs.</param>
    /// <param name="y">Training targets.</param>
    /// <param name="dy">Target derivatives at <paramref name="x"/>; required when <see cref="IFitTrainingSettings.H1Weight"/> &gt; 0.</param>
    /// <param name="config">Optimizer, learning rate, batch size and loss terms.</param>
    /// <param name="seed">Seeds the mini-batch order (unused for full batches).</param>
    /// <param name="device">Where the data tensors live; the same device as the model.</param>
    public FitTrainer(nn.Module<Tensor, Tensor> model, double[] x, double[] y, double[]? dy, IFitTrainingSettings config, long seed, Device device)
    {
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} points but y has {y.Length}");
        if (config.H1Weight > 0 && (dy is null || dy.Length != x.Length))
            throw new ArgumentException("the H1 term needs the target's derivative at every training point");
        _model = model;
        _device = device;
        _x = ToColumn(x, device);
        _y = ToColumn(y, device);
        _dy = config.H1Weight > 0 ? ToColumn(dy!, device) : null;
        _h1Weight = config.H1Weight;
        _sampler = new BatchSampler(x.Length, config.BatchSize ?? x.Length, unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 1));
        Optimizer = OptimizerFactory.Create(config.OptimizerSettings, model.parameters());
    }

    /// <summary>A column tensor (n×1, float32) on <paramref name="device"/>.</summary>
    public static Tensor ToColumn(double[] values, Device device) => PdeTrainer.Points(values, 1, device);

    /// <summary>One optimizer step on the next batch.</summary>
    public void Step()
    {
        using var scope = NewDisposeScope();
        Tensor xb, yb, dyb;
        if (_sampler.IsFullBatch)
        {
            xb = _x; yb = _y; dyb = _dy!;
        }
        else
        {
            var idx = tensor(_sampler.Next().Select(i => (long)i).ToArray()).to(_device);
            xb = _x.index_select(0, idx);
            yb = _y.index_select(0, idx);
            dyb = _dy is null ? null! : _dy.index_select(0, idx);
        }
        Optimizer.zero_grad();
        var loss = Objective(xb, yb, dyb);
        loss.backward();
        Optimizer.step();
    }

    /// <summary>The training objective on the whole training set at the current parameters (no step taken).</summary>
    public double FullBatchLoss()
    {
        using var scope = NewDisposeScope();
        return Objective(_x, _y, _dy!).item<float>();
    }

    private Tensor Objective(Tensor xb, Tensor yb, Tensor dyb)
    {
        if (_h1Weight <= 0) return nn.functional.mse_loss(_model.forward(xb), yb);
        var xg = xb.detach().requires_grad_(true);
        var output = _model.forward(xg);
        var grad = autograd.grad([output], [xg], [ones_like(output)], retain_graph: true, create_graph: true)[0];
        return nn.functional.mse_loss(output, yb) + _h1Weight * nn.functional.mse_loss(grad, dyb);
    }

    /// <summary>The network's output at <paramref name="x"/> (no gradient), as doubles on the CPU.</summary>
    public static double[] Predict(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var output = model.forward(x).reshape(-1).to(float64).cpu();
        return output.data<double>().ToArray();
    }

    public void Dispose()
    {
        _x.Dispose();
        _y.Dispose();
        _dy?.Dispose();
        Optimizer.Dispose();
    }
}
