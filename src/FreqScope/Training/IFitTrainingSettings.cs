using FreqScope.Core;

namespace FreqScope.Training;

/// <summary>What <see cref="FitTrainer"/> and <see cref="EnsembleTrainer"/> read of a training config: its optimizer settings, batch size and H1 weight.</summary>
public interface IFitTrainingSettings
{
    /// <summary>Optimizer, learning rate and its coefficients.</summary>
    OptimizerSettings OptimizerSettings { get; }

    /// <summary>Mini-batch size; null for full batch.</summary>
    int? BatchSize { get; }

    /// <summary>Weight of the H1 (derivative) term of the loss; 0 for none.</summary>
    double H1Weight { get; }
}
