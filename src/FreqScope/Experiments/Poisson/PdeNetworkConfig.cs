using System.Text.Json.Serialization;
using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments.Poisson;

/// <summary>
/// The network solver: an MLP u_θ(x) (or u_θ(x, y)) trained on the PDE at collocation points with a boundary
/// penalty. Optimizer defaults: Adam at 0.002.
/// </summary>
public sealed record PdeNetworkConfig : OptimizerSettings, Training.IPdeTrainingSettings
{
    /// <summary>The network solver's optimizer defaults: Adam, learning rate 0.002.</summary>
    public PdeNetworkConfig() => LearningRate = 0.002;

    /// <summary>Hidden layer widths (1 to 64 layers, each ≥ 1). Default [32, 32].</summary>
    [JsonPropertyOrder(-1)]
    [Count(1, ModelConfig.MaxHiddenLayers, "1 to 64 layer widths")]
    [Range(1)]
    public ValueList<int> Hidden { get; init; } = [32, 32];

    /// <summary>Nonlinearity (it needs a non-zero second derivative for the residual loss). Default tanh.</summary>
    [JsonPropertyOrder(-1)]
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Initialization of the weights. Default PyTorch's.</summary>
    [JsonPropertyOrder(-1)]
    public InitConfig WeightInit { get; init; } = new();

    /// <summary>Initialization of the biases. Default PyTorch's.</summary>
    [JsonPropertyOrder(-1)]
    public InitConfig BiasInit { get; init; } = new();

    /// <summary>The objective. Default residual.</summary>
    [JsonPropertyOrder(-1)]
    public PdeLoss Loss { get; init; } = PdeLoss.Residual;

    /// <summary>How u = 0 on the boundary is met. Default penalty.</summary>
    [JsonPropertyOrder(-1)]
    public PdeBoundary Boundary { get; init; } = PdeBoundary.Penalty;

    /// <summary>β ≥ 0, the weight of the boundary penalty mean(u²) (unused with the exact boundary). Default 100.</summary>
    [JsonPropertyOrder(-1)]
    [Range(0)]
    public double BoundaryWeight { get; init; } = 100;

    /// <summary>The interior collocation points. Default 128 on a uniform grid.</summary>
    [JsonPropertyOrder(-1)]
    public CollocationConfig Collocation { get; init; } = new();

    /// <summary>Boundary points (2-D: evenly spaced along the perimeter, ≥ 4; 1-D: always the two ends). Default 2 in 1-D, 256 in 2-D.</summary>
    [JsonPropertyOrder(-1)]
    public int BoundaryPoints { get; init; } = 2;

    /// <summary>Learning-rate schedule over the steps (none, step or cosine, as for classify's epochs). Default none.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.None;

    /// <summary>Steps between decays of the step schedule (≥ 1). Default 1000.</summary>
    [Range(1)]
    public int DecaySteps { get; init; } = 1000;

    /// <summary>Decay factor of the step schedule, in (0, 1]. Default 0.5.</summary>
    [Range(0, 1, MinExclusive = true)]
    public double Gamma { get; init; } = 0.5;

    /// <summary>Optimizer steps, 1 to 10⁸. Default 2000.</summary>
    [Range(1, 100_000_000)]
    public long Steps { get; init; } = 2000;

    /// <summary>The residual loss needs a nonlinearity with a second derivative.</summary>
    public override void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        base.Check(node);
        if (Loss == PdeLoss.Residual && Activation is Activation.Relu or Activation.LeakyRelu)
            throw (node.Optional("activation") ?? node).Error($"\"{JsonNames.Of(Activation)}\" has a zero second derivative, so the residual loss cannot train it; use tanh (or the \"ritz\" loss)");
    }

    /// <inheritdoc/>
    OptimizerSettings Training.IPdeTrainingSettings.OptimizerSettings => this;

    /// <inheritdoc/>
    int Training.IPdeTrainingSettings.CollocationCount => Collocation.Count;

    /// <inheritdoc/>
    Sampling Training.IPdeTrainingSettings.CollocationSampling => Collocation.Sampling;
}
