using FreqScope.Core;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>Creates optimizers with PyTorch's semantics and sets their learning rate.</summary>
public static class OptimizerFactory
{
    /// <summary>The optimizer <paramref name="t"/> describes.</summary>
    public static optim.Optimizer Create(OptimizerSettings t, IEnumerable<Parameter> parameters) =>
        Create(t.Optimizer, t.LearningRate, t.Momentum, t.Nesterov, t.Beta1, t.Beta2, t.WeightDecay, parameters);

    /// <summary>
    /// <see cref="OptimizerKind.Adam"/>: <c>torch.optim.Adam(lr, (beta1, beta2), weight_decay)</c> (momentum and
    /// nesterov unused). <see cref="OptimizerKind.Sgd"/>: <c>torch.optim.SGD(lr, momentum, dampening=0,
    /// weight_decay, nesterov)</c> (the betas unused).
    /// The trainable parameters are first packed into one buffer (<see cref="FlatParameters"/>), so a step is a few
    /// operations on that buffer rather than a few per parameter tensor; the update is the same, element by element.
    /// </summary>
    public static optim.Optimizer Create(OptimizerKind kind, double learningRate, double momentum, bool nesterov,
        double beta1, double beta2, double weightDecay, IEnumerable<Parameter> parameters)
    {
        var list = parameters.ToList();
        IEnumerable<Parameter> optimized = FlatParameters.TryPack(list) is { } flat ? [flat.Buffer] : list.Where(p => p.requires_grad);
        return kind switch
        {
            OptimizerKind.Adam => optim.Adam(optimized, learningRate, beta1, beta2, weight_decay: weightDecay),
            OptimizerKind.Sgd => optim.SGD(optimized, learningRate, momentum, dampening: 0, weight_decay: weightDecay, nesterov: nesterov),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer"),
        };
    }

    /// <summary>Plain gradient descent (<c>torch.optim.SGD(lr)</c>: no momentum, no weight decay) on packed parameters.</summary>
    public static optim.Optimizer PlainSgd(double learningRate, IEnumerable<Parameter> parameters) =>
        Create(OptimizerKind.Sgd, learningRate, momentum: 0, nesterov: false, beta1: 0, beta2: 0, weightDecay: 0, parameters);

    /// <summary>Sets the learning rate of every parameter group of <paramref name="optimizer"/>.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        if (!(rate >= 0) || double.IsInfinity(rate))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "the learning rate must be a finite number ≥ 0");
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
