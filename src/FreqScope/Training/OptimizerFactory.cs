using FreqScope.Experiments;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Training;

/// <summary>Creates the optimizer a <see cref="TrainingConfig"/> names, with PyTorch's semantics.</summary>
public static class OptimizerFactory
{
    public static optim.Optimizer Create(TrainingConfig t, IEnumerable<Parameter> parameters) => t.Optimizer switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, t.LearningRate, t.Beta1, t.Beta2, weight_decay: t.WeightDecay),
        OptimizerKind.Sgd => optim.SGD(parameters, t.LearningRate, t.Momentum, dampening: 0, weight_decay: t.WeightDecay, nesterov: t.Nesterov),
        _ => throw new ArgumentOutOfRangeException(nameof(t), t.Optimizer, "unknown optimizer"),
    };
}
