using FreqScope.Core;
using FreqScope.Data;
using FreqScope.Models;
using FreqScope.Spectral;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>
/// Trains a network u_θ on −Δu = g with u = 0 on the boundary of [min, max] (1-D) or [min, max]² (2-D).
/// <list type="bullet">
/// <item>Residual loss: mean over interior points of (−Δu_θ − g)², with Δu_θ by autograd (second derivatives).</item>
/// <item>Ritz loss: |Ω| · mean over interior points of (½|∇u_θ|² − g u_θ), whose minimiser solves the PDE.</item>
/// </list>
/// With the penalty boundary (u_θ = N_θ) both add β · mean(u_θ²) over the boundary points; with the exact boundary
/// u_θ = φ · N_θ, φ = Π_d 4(x_d − min)(max − x_d)/L², vanishes on the boundary and there is no penalty. Interior points are either a fixed evenly spaced set (1-D: N
/// points min + jL/(N + 1), j = 1..N; 2-D: the m × m tensor grid with m = ⌊√N⌋) or N fresh uniform draws per step
/// from a SplitMix64 stream seeded by the experiment seed (device independent). Boundary points: the two ends in
/// 1-D; in 2-D P points evenly spaced along the perimeter, starting at the corner (min, min). Each step runs in its
/// own dispose scope.
/// </summary>
public sealed class PdeTrainer : IDisposable
{
    private readonly Mlp _model;
    private readonly IPdeTrainingSettings _config;
    private readonly int _dimension;
    private readonly double _min, _length;
    private readonly Func<double, double, double> _source;
    private readonly Device _device;
    private readonly Tensor? _fixedPoints, _fixedSource;
    private readonly Tensor _boundary;
    private readonly SplitMix64 _random;
    private readonly double _volume;

    /// <summary>The optimizer (its state is part of the network's training).</summary>
    public optim.Optimizer Optimizer { get; }

    /// <param name="model">The network (input width = <paramref name="dimension"/>), already on <paramref name="device"/>.</param>
    /// <param name="config">Loss, points and optimizer.</param>
    /// <param name="dimension">1 or 2.</param>
    /// <param name="min">Left end of each axis.</param>
    /// <param name="max">Right end of each axis.</param>
    /// <param name="source">g(x, y) (y is 0 in 1-D).</param>
    /// <param name="seed">Seeds the random collocation points.</param>
    /// <param name="device">Where the tensors live.</param>
    public PdeTrainer(Mlp model, IPdeTrainingSettings config, int dimension, double min, double max, Func<double, double, double> source, long seed, Device device)
    {
        if (dimension is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be 1 or 2");
        if (model.Widths[0] != dimension) throw new ArgumentException($"the network takes {model.Widths[0]} inputs; a {dimension}-D problem needs {dimension}");
        _model = model;
        _config = config;
        _dimension = dimension;
        _min = min;
        _length = max - min;
        _source = source;
        _device = device;
        _volume = Math.Pow(_length, dimension);
        _random = new SplitMix64(seed ^ 0x5DEECE66DL);
        if (config.CollocationSampling == Sampling.Uniform)
        {
            var (points, values) = UniformPoints();
            _fixedPoints = points;
            _fixedSource = values;
        }

        _boundary = Points(BoundaryPoints(dimension, min, max, config.BoundaryPoints), dimension, device);
        Optimizer = OptimizerFactory.Create(config.OptimizerSettings, model.parameters());
    }

    /// <summary>The boundary points as a flat array of (x) or (x, y) pairs.</summary>
    public static double[] BoundaryPoints(int dimension, double min, double max, int count)
    {
        if (dimension == 1) return [min, max];
        var flat = new double[2 * count];
        double length = max - min;
        for (int j = 0; j < count; j++)
        {
            double s = 4.0 * length * j / count; // arc length from (min, min), counter-clockwise
            int edge = (int)Math.Min(3, Math.Floor(s / length));
            double t = s - edge * length;
            (double x, double y) = edge switch
            {
                0 => (min + t, min),
                1 => (max, min + t),
                2 => (max - t, max),
                _ => (min, max - t),
            };
            flat[2 * j] = x;
            flat[2 * j + 1] = y;
        }

        return flat;
    }

    /// <summary>A float32 tensor of shape (count, dimension) from a flat array of coordinates.</summary>
    public static Tensor Points(double[] flat, int dimension, Device device)
    {
        var f = new float[flat.Length];
        for (int i = 0; i < f.Length; i++) f[i] = (float)flat[i];
        using var cpu = tensor(f).reshape(flat.Length / dimension, dimension);
        return cpu.to(device);
    }

    private (Tensor Points, Tensor Source) UniformPoints()
    {
        double[] flat;
        if (_dimension == 1)
        {
            int n = _config.CollocationCount;
            flat = new double[n];
            for (int j = 0; j < n; j++) flat[j] = _min + _length * (j + 1) / (n + 1);
        }
        else
        {
            int m = (int)Math.Floor(Math.Sqrt(_config.CollocationCount));
            flat = new double[2 * m * m];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                {
                    flat[2 * (i * m + j)] = _min + _length * (i + 1) / (m + 1);
                    flat[2 * (i * m + j) + 1] = _min + _length * (j + 1) / (m + 1);
                }
        }

        return (Points(flat, _dimension, _device), SourceAt(flat));
    }

    private (Tensor Points, Tensor Source) RandomPoints()
    {
        var flat = new double[_config.CollocationCount * _dimension];
        for (int i = 0; i < flat.Length; i++) flat[i] = _min + _length * _random.NextDouble();
        return (Points(flat, _dimension, _device), SourceAt(flat));
    }

    private Tensor SourceAt(double[] flat)
    {
        int n = flat.Length / _dimension;
        var g = new float[n];
        for (int j = 0; j < n; j++)
            g[j] = (float)(_dimension == 1 ? _source(flat[j], 0) : _source(flat[2 * j], flat[2 * j + 1]));
        using var cpu = tensor(g);
        return cpu.to(_device);
    }

    /// <summary>One optimizer step.</summary>
    public void Step()
    {
        using var scope = NewDisposeScope();
        var (points, g) = NextPoints();
        Optimizer.zero_grad();
        var loss = Objective(points, g);
        loss.backward();
        Optimizer.step();
    }

    /// <summary>The objective at the current parameters on the fixed points (uniform sampling) or a fresh draw (random).</summary>
    public double Loss()
    {
        using var scope = NewDisposeScope();
        var (points, g) = NextPoints();
        return Objective(points, g).item<float>();
    }

    /// <summary>The fixed uniform points and their source values, or a fresh random draw.</summary>
    private (Tensor Points, Tensor Source) NextPoints() => _fixedPoints is not null ? (_fixedPoints, _fixedSource!) : RandomPoints();

    private Tensor Objective(Tensor points, Tensor g)
    {
        var x = points.detach().requires_grad_(true);
        var u = Output(x);
        var grad = autograd.grad([u], [x], [ones_like(u)], retain_graph: true, create_graph: true)[0];
        Tensor interior;
        if (_config.Loss == PdeLoss.Residual)
        {
            Tensor laplacian = zeros_like(u);
            for (int d = 0; d < _dimension; d++)
            {
                var gd = grad.select(1, d);
                laplacian = laplacian + autograd.grad([gd], [x], [ones_like(gd)], retain_graph: true, create_graph: true)[0].select(1, d);
            }

            var residual = -laplacian - g;
            interior = (residual * residual).mean();
        }
        else
        {
            interior = _volume * (0.5 * (grad * grad).sum(1) - g * u).mean();
        }

        if (_config.Boundary == PdeBoundary.Exact) return interior;
        var ub = _model.forward(_boundary);
        return interior + _config.BoundaryWeight * (ub * ub).mean();
    }

    /// <summary>u_θ at <paramref name="x"/> (n × dimension) as a vector of n: N_θ(x), times φ(x) with the exact boundary.</summary>
    private Tensor Output(Tensor x)
    {
        var n = _model.forward(x).reshape(-1);
        if (_config.Boundary != PdeBoundary.Exact) return n;
        var phi = ((x - _min) * (_min + _length - x) * (4.0 / (_length * _length))).prod(1);
        return n * phi;
    }

    /// <summary>u_θ at <paramref name="points"/> (n × dimension, no gradient), as doubles on the CPU.</summary>
    public double[] Predict(Tensor points)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return Output(points).to(float64).cpu().data<double>().ToArray();
    }

    public void Dispose()
    {
        _fixedPoints?.Dispose();
        _fixedSource?.Dispose();
        _boundary.Dispose();
        Optimizer.Dispose();
    }
}
