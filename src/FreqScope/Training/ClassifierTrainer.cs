using FreqScope.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>
/// Trains an image (or any) classifier with mini-batch steps: each epoch is a permutation of the training set
/// (<see cref="BatchSampler"/>), each step runs in its own dispose scope with the model in train mode and never
/// reads a value back from the device. The trainer owns neither the model, the data nor the optimizer.
/// </summary>
public sealed class ClassifierTrainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Tensor _inputs;
    private readonly Tensor _labels;
    private readonly LossKind _loss;
    private readonly int _classes;
    private readonly double _labelSmoothing;
    private readonly double _mixup;
    private readonly AugmentConfig? _augment;
    private readonly long[]? _imageShape;
    private bool _disposed;

    /// <summary>The optimizer the steps use.</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>The mini-batch order; save and restore its state for checkpoints.</summary>
    public BatchSampler Sampler { get; }

    /// <summary>Steps in one epoch: ⌈N / batch size⌉.</summary>
    public int StepsPerEpoch { get; }

    /// <param name="model">The classifier, on the same device as the data.</param>
    /// <param name="inputs">Training inputs, N×… (e.g. N×C×H×W, or N×(C·H·W) for an MLP), on the model's device.</param>
    /// <param name="labels">Class indices, int64, length N, on the same device.</param>
    /// <param name="loss">The training loss.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="optimizer">An optimizer over the model's parameters.</param>
    /// <param name="batchSize">Mini-batch size (clamped to N).</param>
    /// <param name="samplerSeed">Seeds the epochs' permutations.</param>
    /// <param name="labelSmoothing">ε in [0, 1): soft targets (1 − ε)·one_hot + ε/C.</param>
    /// <param name="mixup">α ≥ 0 of mixup (0: off); λ ~ Beta(α, α) from torch's CPU generator, partner = the batch shifted by one.</param>
    /// <param name="augment">Augmentation of each mini-batch (<see cref="Augmentation"/>), or null for none.</param>
    /// <param name="imageShape">C, H, W of the images (needed by augmentation when the inputs are flat).</param>
    public ClassifierTrainer(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, LossKind loss, int classes,
        optim.Optimizer optimizer, int batchSize, ulong samplerSeed, double labelSmoothing = 0, double mixup = 0,
        AugmentConfig? augment = null, long[]? imageShape = null)
    {
        if (augment is { Any: true } && imageShape is not { Length: 3 })
            throw new ArgumentException("augmentation needs the images' shape C×H×W", nameof(imageShape));
        _augment = augment is { Any: true } ? augment : null;
        _imageShape = imageShape;
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "expected a number in [0, 1)");
        if (!(mixup >= 0) || double.IsInfinity(mixup)) throw new ArgumentOutOfRangeException(nameof(mixup), mixup, "expected a finite number ≥ 0");
        _labelSmoothing = labelSmoothing;
        _mixup = mixup;
        int n = CheckData(inputs, labels, classes, batchSize);
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss");
        _model = model;
        _inputs = inputs;
        _labels = labels;
        _loss = loss;
        _classes = classes;
        Optimizer = optimizer;
        Sampler = new BatchSampler(n, batchSize, samplerSeed);
        StepsPerEpoch = (n + Math.Min(batchSize, n) - 1) / Math.Min(batchSize, n);
    }

    /// <summary>One optimizer step on the next mini-batch, with the model in train mode.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var scope = NewDisposeScope();
        _model.train();
        Tensor xb, yb;
        if (Sampler.IsFullBatch)
        {
            xb = _inputs;
            yb = _labels;
        }
        else
        {
            var picked = Sampler.Next();
            var index = new long[picked.Length];
            for (int i = 0; i < index.Length; i++) index[i] = picked[i];
            // A non-blocking upload from pageable memory is staged at once and does not wait for queued device work.
            var idx = tensor(index).to(_inputs.device, non_blocking: true);
            xb = _inputs.index_select(0, idx);
            yb = _labels.index_select(0, idx);
        }
        Optimizer.zero_grad();
        if (_augment is not null)
        {
            // Flat (MLP) inputs are shaped as images for the augmentation and flattened back.
            bool flat = xb.dim() == 2;
            var images = flat ? xb.reshape(xb.shape[0], _imageShape![0], _imageShape[1], _imageShape[2]) : xb;
            var augmented = Augmentation.Apply(images, _augment);
            xb = flat ? augmented.reshape(xb.shape[0], -1) : augmented;
        }

        Tensor loss;
        if (_labelSmoothing == 0 && _mixup == 0)
        {
            loss = ClassificationLosses.Compute(_model.forward(xb), yb, _loss, _classes);
        }
        else
        {
            var soft = nn.functional.one_hot(yb, _classes).to(float32);
            if (_labelSmoothing > 0) soft = soft * (float)(1 - _labelSmoothing) + (float)(_labelSmoothing / _classes);
            if (_mixup > 0 && xb.shape[0] > 1)
            {
                float lambda = (float)SampleBeta(_mixup);
                xb = xb * lambda + xb.roll(1, 0) * (1 - lambda);
                soft = soft * lambda + soft.roll(1, 0) * (1 - lambda);
            }

            loss = ClassificationLosses.ComputeSoft(_model.forward(xb), soft.to(xb.device), _loss);
        }

        loss.backward();
        Optimizer.step();
    }

    /// <summary>λ ~ Beta(α, α) = G₁/(G₁ + G₂), G ~ Gamma(α) by Marsaglia and Tsang, from torch's CPU generator.</summary>
    internal static double SampleBeta(double alpha)
    {
        double g1 = SampleGamma(alpha), g2 = SampleGamma(alpha);
        return g1 + g2 > 0 ? g1 / (g1 + g2) : 0.5;
    }

    private static double SampleGamma(double alpha)
    {
        if (alpha < 1) return SampleGamma(alpha + 1) * Math.Pow(Uniform(), 1 / alpha);
        double d = alpha - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                using var z = randn(1, dtype: float64);
                x = z.item<double>();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double u = Uniform();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private static double Uniform()
    {
        using var u = rand(1, dtype: float64);
        return Math.Max(u.item<double>(), double.Epsilon);
    }

    /// <summary>
    /// Mean loss and accuracy of <paramref name="model"/> on a data set, in eval mode without gradients, in batches of
    /// <paramref name="batchSize"/>; the loss is averaged over samples exactly (each batch weighted by its size). The
    /// model's train/eval modes are restored afterwards.
    /// </summary>
    public static EvalResult Evaluate(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, LossKind loss, int classes, int batchSize)
    {
        int n = CheckData(inputs, labels, classes, batchSize);
        var modes = SaveModes(model);
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var lossSum = zeros(1, dtype: float64, device: inputs.device);
            var correct = zeros(1, dtype: int64, device: inputs.device);
            for (int start = 0; start < n; start += batchSize)
            {
                int len = Math.Min(batchSize, n - start);
                var output = model.forward(inputs.narrow(0, start, len));
                var yb = labels.narrow(0, start, len);
                lossSum.add_(ClassificationLosses.Compute(output, yb, loss, classes).to(float64), alpha: len);
                correct.add_(output.argmax(1).eq(yb).sum());
            }
            return new EvalResult(lossSum.item<double>() / n, (double)correct.item<long>() / n);
        }
        finally
        {
            RestoreModes(model, modes);
        }
    }

    /// <summary>
    /// The network's function h (<see cref="ClassificationLosses.Probabilities"/>) on every input, N×classes
    /// float32 on the inputs' device, computed in eval mode without gradients in batches; the caller owns it.
    /// The model's train/eval modes are restored afterwards.
    /// </summary>
    public static Tensor PredictProbabilities(nn.Module<Tensor, Tensor> model, Tensor inputs, LossKind loss, int batchSize)
    {
        using var scope = NewDisposeScope();
        var outputs = PredictOutputs(model, inputs, batchSize);
        return ClassificationLosses.Probabilities(outputs, loss).to(float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The network's raw outputs (logits for cross-entropy) on every input, N×classes on the inputs' device, in eval
    /// mode without gradients, in batches; the caller owns the result. The model's train/eval modes are restored.
    /// </summary>
    public static Tensor PredictOutputs(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (inputs.dim() < 1 || inputs.shape[0] < 1) throw new ArgumentException("inputs must hold at least one sample", nameof(inputs));
        long n = inputs.shape[0];
        var modes = SaveModes(model);
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var parts = new List<Tensor>();
            for (long start = 0; start < n; start += batchSize)
            {
                long len = Math.Min(batchSize, n - start);
                parts.Add(model.forward(inputs.narrow(0, start, len)));
            }
            return (parts.Count == 1 ? parts[0] : cat(parts, 0)).MoveToOuterDisposeScope();
        }
        finally
        {
            RestoreModes(model, modes);
        }
    }

    /// <summary><see cref="PredictProbabilities"/> as plain floats, row-major (sample i, class c at i·classes + c).</summary>
    public static float[] PredictProbabilitiesArray(nn.Module<Tensor, Tensor> model, Tensor inputs, LossKind loss, int batchSize)
    {
        using var scope = NewDisposeScope();
        var probabilities = PredictProbabilities(model, inputs, loss, batchSize);
        return probabilities.cpu().contiguous().data<float>().ToArray();
    }

    /// <summary>Ends the trainer's use; it holds no tensors of its own (model, data and optimizer belong to the caller).</summary>
    public void Dispose() => _disposed = true;

    private static int CheckData(Tensor inputs, Tensor labels, int classes, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (inputs.dim() < 1 || inputs.shape[0] < 1) throw new ArgumentException("inputs must hold at least one sample", nameof(inputs));
        if (labels.dim() != 1 || labels.shape[0] != inputs.shape[0])
            throw new ArgumentException($"labels must be a vector of {inputs.shape[0]} class indices; got shape [{string.Join(", ", labels.shape)}]", nameof(labels));
        if (labels.dtype != ScalarType.Int64) throw new ArgumentException($"labels must be int64; got {labels.dtype}", nameof(labels));
        if (inputs.shape[0] > int.MaxValue) throw new ArgumentException("too many samples", nameof(inputs));
        return (int)inputs.shape[0];
    }

    /// <summary>Every module's training flag, parents before children (by depth of the dotted name).</summary>
    private static List<(nn.Module Module, bool Training)> SaveModes(nn.Module<Tensor, Tensor> model)
    {
        var modes = new List<(nn.Module, bool)> { (model, model.training) };
        modes.AddRange(model.named_modules()
            .OrderBy(m => m.name.Count(ch => ch == '.'))
            .Select(m => (m.module, m.module.training)));
        return modes;
    }

    private static void RestoreModes(nn.Module<Tensor, Tensor> model, List<(nn.Module Module, bool Training)> modes)
    {
        foreach (var (module, training) in modes) module.train(training);
    }
}
