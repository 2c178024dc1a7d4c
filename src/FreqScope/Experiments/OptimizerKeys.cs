using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The optimizer keys every training object has, read and validated in one place by
/// <see cref="ConfigLoader.ReadOptimizer"/> and written by <see cref="ConfigWriter.WriteOptimizer"/>.
/// </summary>
internal readonly record struct OptimizerKeys(
    OptimizerKind Optimizer, double LearningRate, double Momentum, bool Nesterov, double Beta1, double Beta2, double WeightDecay);
