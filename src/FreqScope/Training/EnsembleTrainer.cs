using FreqScope.Core;
using FreqScope.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>
/// Trains the K members of an <see cref="EnsembleMlp"/> at once, full batch, each on its own mean squared error: the
/// loss is Σ_k mse_k, so member k's gradient is exactly its own. The optimizer works on the stacked parameters with a
/// per-member learning rate (a [K, 1, 1] tensor) in a few fused tensor operations; since Adam and SGD are elementwise,
/// this is K independent optimizers with <c>torch.optim</c>'s semantics: Adam with bias corrections, ε added after the
/// square root of the bias-corrected second moment and L2 weight decay added to the gradient; SGD with momentum
/// (dampening 0, the first step's buffer is the gradient), Nesterov and weight decay. Every other training option must
/// be the same for every member. Each step runs in its own dispose scope; the losses reach the host only when asked.
/// </summary>
public sealed class EnsembleTrainer : IDisposable
{
    private readonly EnsembleMlp _model;
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly Tensor _learningRates;
    private readonly bool _sharedRate;
    private readonly Tensor _negativeRates;
    private readonly OptimizerSettings _config;
    private readonly List<Tensor> _first = [];
    private readonly List<Tensor> _second = [];
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;

    /// <summary>Optimizer steps taken so far (restored by <see cref="LoadState"/>).</summary>
    public long StepCount { get; private set; }

    /// <summary>The members' learning rates.</summary>
    public IReadOnlyList<double> LearningRates { get; }

    /// <param name="model">The ensemble, already on <paramref name="device"/>.</param>
    /// <param name="x">Training inputs: one array shared by every member, or one per member (all the same length).</param>
    /// <param name="y">Training targets: one array shared by every member, or one per member.</param>
    /// <param name="configs">Each member's training config (K of them): only <see cref="OptimizerSettings.LearningRate"/>
    /// may differ; the batch must be the full batch and the H¹ term off.</param>
    /// <param name="device">Where the data tensors live; the model's device.</param>
    /// <exception cref="ArgumentException">The configs differ in something other than the learning rate, ask for
    /// mini-batches or an H¹ term, or the data do not fit.</exception>
    public EnsembleTrainer(EnsembleMlp model, IReadOnlyList<double[]> x, IReadOnlyList<double[]> y, IReadOnlyList<IFitTrainingSettings> configs, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(configs);
        int k = model.Count;
        if (configs.Count != k) throw new ArgumentException($"the ensemble has {k} members but {configs.Count} training configs were given", nameof(configs));
        if (x.Count != 1 && x.Count != k) throw new ArgumentException($"x must hold 1 or {k} arrays, not {x.Count}", nameof(x));
        if (y.Count != 1 && y.Count != k) throw new ArgumentException($"y must hold 1 or {k} arrays, not {y.Count}", nameof(y));
        int n = x[0].Length;
        if (x.Any(a => a.Length != n) || y.Any(a => a.Length != n))
            throw new ArgumentException($"every member needs the same number of training points ({n})", nameof(y));
        CheckCompatible(configs, n);

        _model = model;
        _config = configs[0].OptimizerSettings;
        _parameters = model.Parameters;
        LearningRates = [.. configs.Select(c => c.OptimizerSettings.LearningRate)];
        _sharedRate = LearningRates.All(r => r == LearningRates[0]);
        _x = x.Count == 1 ? FitTrainer.ToColumn(x[0], device) : Stack(x, device);
        _y = Stack(y, device);
        _learningRates = tensor(LearningRates.ToArray(), float64).reshape(k, 1, 1).to(device);
        using (var negated = -_learningRates) _negativeRates = negated.to(float32);
        foreach (var p in _parameters)
        {
            _first.Add(zeros_like(p));
            if (_config.Optimizer == OptimizerKind.Adam) _second.Add(zeros_like(p));
        }
    }

    /// <summary>
    /// Refuses member training configs that cannot share one stacked trainer: anything but the learning rate differs
    /// (optimizer, momentum, Nesterov, betas, weight decay), mini-batches, or an H¹ term; the message names the key.
    /// </summary>
    /// <param name="configs">The members' configs.</param>
    /// <param name="trainCount">Number of training points (a batch size equal to it is the full batch).</param>
    /// <exception cref="ArgumentException">They cannot be trained together.</exception>
    public static void CheckCompatible(IReadOnlyList<IFitTrainingSettings> configs, int trainCount)
    {
        ArgumentNullException.ThrowIfNull(configs);
        for (int i = 0; i < configs.Count; i++)
        {
            var c = configs[i];
            if (c.H1Weight > 0)
                throw new ArgumentException($"ensemble member {i} has training.h1Weight = {c.H1Weight}; the H1 term is not supported by ensembles", nameof(configs));
            if (c.BatchSize is int b && b != trainCount)
                throw new ArgumentException($"ensemble member {i} has training.batchSize = {b}; ensembles train full batch only", nameof(configs));
            var (o, first) = (c.OptimizerSettings, configs[0].OptimizerSettings);
            string? differs = o.Optimizer != first.Optimizer ? "optimizer"
                : o.Momentum != first.Momentum ? "momentum"
                : o.Nesterov != first.Nesterov ? "nesterov"
                : o.Beta1 != first.Beta1 ? "beta1"
                : o.Beta2 != first.Beta2 ? "beta2"
                : o.WeightDecay != first.WeightDecay ? "weightDecay"
                : null;
            if (differs is not null)
                throw new ArgumentException($"ensemble member {i} differs from member 0 in training.{differs}; only training.learningRate may differ", nameof(configs));
        }
    }

    private static Tensor Stack(IReadOnlyList<double[]> columns, Device device)
    {
        int n = columns[0].Length;
        var flat = new float[columns.Count * n];
        for (int k = 0; k < columns.Count; k++)
            for (int i = 0; i < n; i++) flat[k * n + i] = (float)columns[k][i];
        using var cpu = tensor(flat).reshape(columns.Count, n, 1);
        return cpu.to(device);
    }

    /// <summary>
    /// One optimizer step of every member. Returns each member's loss before the step (its mean squared error on the
    /// training set) when <paramref name="losses"/> is true, else null without waiting for the device.
    /// </summary>
    public double[]? Step(bool losses = false)
    {
        using var scope = NewDisposeScope();
        foreach (var p in _parameters) p.grad?.zero_();
        var perMember = PerMemberLoss();
        perMember.sum().backward();
        _model.MaskGradients();
        StepCount++;
        using (no_grad())
        {
            if (_config.Optimizer == OptimizerKind.Adam) AdamUpdate();
            else SgdUpdate();
        }

        return losses ? ToHost(perMember) : null;
    }

    /// <summary>Every member's mean squared error on the training set at the current parameters (no step taken).</summary>
    public double[] FullBatchLosses()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return ToHost(PerMemberLoss());
    }

    private Tensor PerMemberLoss() => (_model.forward(_x) - _y).square().mean([1, 2]);

    private static double[] ToHost(Tensor perMember) => perMember.detach().to(float64).cpu().data<double>().ToArray();

    private void AdamUpdate()
    {
        double beta1 = _config.Beta1, beta2 = _config.Beta2, decay = _config.WeightDecay;
        double correction1 = 1 - Math.Pow(beta1, StepCount);
        double correction2 = 1 - Math.Pow(beta2, StepCount);
        // One learning rate for all members: a scalar, as torch.optim passes it (one pass fewer over the moments).
        var negativeStep = _sharedRate ? null : (_learningRates * (-1.0 / correction1)).to(float32);
        double root2 = Math.Sqrt(correction2);
        for (int i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var g = p.grad!;
            if (decay != 0) g = g.add(p, alpha: decay);
            _first[i].mul_(beta1).add_(g, alpha: 1 - beta1);
            _second[i].mul_(beta2).addcmul_(g, g, value: 1 - beta2);
            // torch: p.addcdiv_(m, sqrt(v) / sqrt(c2) + eps, value: −lr/c1), i.e. p + (value·m) / denominator.
            var denominator = _second[i].sqrt().div_(root2).add_(1e-8);
            if (negativeStep is null) p.addcdiv_(_first[i], denominator, value: -LearningRates[0] / correction1);
            else p.addcdiv_(_first[i].mul(negativeStep), denominator);
        }
    }

    private void SgdUpdate()
    {
        double momentum = _config.Momentum, decay = _config.WeightDecay;
        for (int i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var g = p.grad!;
            if (decay != 0) g = g.add(p, alpha: decay);
            if (momentum != 0)
            {
                // torch.optim.SGD starts the buffer at the first gradient: 0·momentum + g is exactly g.
                var buffer = _first[i].mul_(momentum).add_(g);
                g = _config.Nesterov ? g.add(buffer, alpha: momentum) : buffer;
            }

            p.add_(g.mul(_negativeRates));
        }
    }

    /// <summary>The network's outputs at <paramref name="x"/> ([n, d] shared or [K, n, d]), per member, as doubles on the CPU.</summary>
    public static double[][] Predict(EnsembleMlp model, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var output = model.forward(x).reshape(model.Count, -1).to(float64).cpu();
        var all = output.data<double>().ToArray();
        int n = all.Length / model.Count;
        return [.. Enumerable.Range(0, model.Count).Select(k => all.AsSpan(k * n, n).ToArray())];
    }

    /// <summary>Writes the optimizer state (step count, then Adam's moments or SGD's momentum buffers).</summary>
    public void SaveState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StepCount);
        writer.Write(_first.Count + _second.Count);
        foreach (var t in _first.Concat(_second)) t.Save(writer);
    }

    /// <summary>Reads what <see cref="SaveState"/> wrote into this trainer (same ensemble shape and optimizer).</summary>
    /// <exception cref="InvalidDataException">The state does not fit this trainer.</exception>
    public void LoadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long steps = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count != _first.Count + _second.Count)
            throw new InvalidDataException($"the optimizer state holds {count} tensors but this trainer has {_first.Count + _second.Count}");
        using var _ = no_grad();
        foreach (var t in _first.Concat(_second))
        {
            using var loaded = Tensor.Load(reader);
            if (!loaded.shape.SequenceEqual(t.shape))
                throw new InvalidDataException($"an optimizer state tensor has shape [{string.Join(", ", loaded.shape)}] but this trainer expects [{string.Join(", ", t.shape)}]");
            t.copy_(loaded);
        }
        StepCount = steps;
    }

    public void Dispose()
    {
        _x.Dispose();
        _y.Dispose();
        _learningRates.Dispose();
        _negativeRates.Dispose();
        foreach (var t in _first.Concat(_second)) t.Dispose();
    }
}
