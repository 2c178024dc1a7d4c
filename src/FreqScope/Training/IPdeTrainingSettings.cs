using FreqScope.Core;

namespace FreqScope.Training;

/// <summary>What <see cref="PdeTrainer"/> reads of a network config: its optimizer settings, loss and points.</summary>
public interface IPdeTrainingSettings
{
    /// <summary>Optimizer, learning rate and its coefficients.</summary>
    OptimizerSettings OptimizerSettings { get; }

    /// <summary>The loss: the PDE residual or the Ritz energy.</summary>
    PdeLoss Loss { get; }

    /// <summary>How the boundary condition is imposed.</summary>
    PdeBoundary Boundary { get; }

    /// <summary>Weight of the boundary penalty.</summary>
    double BoundaryWeight { get; }

    /// <summary>Boundary points for the penalty.</summary>
    int BoundaryPoints { get; }

    /// <summary>Interior collocation points.</summary>
    int CollocationCount { get; }

    /// <summary>How the collocation points are placed.</summary>
    Sampling CollocationSampling { get; }
}
