namespace FreqScope.Core;

/// <summary>The optimizer. JSON: <c>"adam"</c> or <c>"sgd"</c>.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (with the training weight decay as L2 penalty, like <c>torch.optim.Adam</c>).</summary>
    Adam,

    /// <summary>Stochastic gradient descent, optionally with (Nesterov) momentum.</summary>
    Sgd,
}
