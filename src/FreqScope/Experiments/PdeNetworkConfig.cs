using FreqScope.Core;

namespace FreqScope.Experiments;

/// <summary>
/// The network solver: an MLP u_θ(x) (or u_θ(x, y)) trained on the PDE at collocation points with a boundary
/// penalty. Equality compares <see cref="Hidden"/> element by element.
/// </summary>
public sealed record PdeNetworkConfig
{
    /// <summary>Hidden layer widths. Default [32, 32].</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [32, 32];

    /// <summary>Nonlinearity (it needs a non-zero second derivative for the residual loss). Default tanh.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Initialization of the weights. Default PyTorch's.</summary>
    public InitConfig WeightInit { get; init; } = new();

    /// <summary>Initialization of the biases. Default PyTorch's.</summary>
    public InitConfig BiasInit { get; init; } = new();

    /// <summary>The objective. Default residual.</summary>
    public PdeLoss Loss { get; init; } = PdeLoss.Residual;

    /// <summary>How u = 0 on the boundary is met. Default penalty.</summary>
    public PdeBoundary Boundary { get; init; } = PdeBoundary.Penalty;

    /// <summary>β, the weight of the boundary penalty mean(u²) (unused with the exact boundary). Default 100.</summary>
    public double BoundaryWeight { get; init; } = 100;

    /// <summary>Interior collocation points per step (2-D uniform: rounded down to a square number). Default 128.</summary>
    public int CollocationCount { get; init; } = 128;

    /// <summary>Uniform: a fixed evenly spaced set; random: fresh uniform draws every step. Default uniform.</summary>
    public Sampling CollocationSampling { get; init; } = Sampling.Uniform;

    /// <summary>Boundary points (2-D: evenly spaced along the perimeter; 1-D: always the two ends). Default 2 in 1-D, 256 in 2-D.</summary>
    public int BoundaryPoints { get; init; } = 2;

    /// <summary>Optimizer. Default Adam.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Learning rate. Default 0.002.</summary>
    public double LearningRate { get; init; } = 0.002;

    /// <summary>SGD momentum. Default 0.</summary>
    public double Momentum { get; init; }

    /// <summary>SGD Nesterov momentum. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam β₁. Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Weight decay. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule over the steps (none, step or cosine, as for classify's epochs). Default none.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.None;

    /// <summary>Steps between decays of the step schedule. Default 1000.</summary>
    public int DecaySteps { get; init; } = 1000;

    /// <summary>Decay factor of the step schedule. Default 0.5.</summary>
    public double Gamma { get; init; } = 0.5;

    /// <summary>Optimizer steps. Default 2000.</summary>
    public long Steps { get; init; } = 2000;

    /// <inheritdoc />
    public bool Equals(PdeNetworkConfig? other) =>
        other is not null && Hidden.SequenceEqual(other.Hidden) && Activation == other.Activation
        && WeightInit == other.WeightInit && BiasInit == other.BiasInit && Loss == other.Loss && Boundary == other.Boundary
        && BoundaryWeight == other.BoundaryWeight && CollocationCount == other.CollocationCount
        && CollocationSampling == other.CollocationSampling && BoundaryPoints == other.BoundaryPoints
        && Optimizer == other.Optimizer && LearningRate == other.LearningRate && Momentum == other.Momentum
        && Nesterov == other.Nesterov && Beta1 == other.Beta1 && Beta2 == other.Beta2
        && WeightDecay == other.WeightDecay && Schedule == other.Schedule && DecaySteps == other.DecaySteps
        && Gamma == other.Gamma && Steps == other.Steps;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var w in Hidden) hash.Add(w);
        hash.Add(Activation);
        hash.Add(Loss);
        hash.Add(LearningRate);
        hash.Add(Steps);
        return hash.ToHashCode();
    }
}
