using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>
/// The optimizer keys every trained kind's training section has, described once: <c>optimizer</c> (Adam or SGD),
/// <c>learningRate</c>, <c>momentum</c> and <c>nesterov</c> (SGD), <c>beta1</c> and <c>beta2</c> (Adam) and
/// <c>weightDecay</c> (an L2 penalty added to the gradient, as in <c>torch.optim</c>). A training record derives from
/// it, so the keys stand in its own JSON object; a kind with other defaults sets them in its constructor.
/// </summary>
public record OptimizerSettings : IConfigRules
{
    /// <summary>Adam or SGD. Default Adam.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Learning rate (&gt; 0). Default 1e-3.</summary>
    [Range(0, MinExclusive = true)]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum in [0, 1). Default 0; unused by Adam.</summary>
    [Range(0, 1, MaxExclusive = true)]
    public double Momentum { get; init; }

    /// <summary>Nesterov momentum; requires SGD with momentum &gt; 0. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam β₁ in [0, 1). Default 0.9; unused by SGD.</summary>
    [Range(0, 1, MaxExclusive = true)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂ in [0, 1). Default 0.999; unused by SGD.</summary>
    [Range(0, 1, MaxExclusive = true)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>L2 weight decay (≥ 0). Default 0.</summary>
    [Range(0)]
    public double WeightDecay { get; init; }

    /// <summary>Nesterov needs SGD with momentum; a record that has rules of its own calls this first.</summary>
    public virtual void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Nesterov && (Optimizer != OptimizerKind.Sgd || Momentum <= 0))
        {
            throw node.Required("nesterov").Error("true requires optimizer \"sgd\" with momentum > 0 (optimizer is "
                + $"\"{JsonNames.Of(Optimizer)}\", momentum {ConfigNode.Format(Momentum)})");
        }
    }
}
