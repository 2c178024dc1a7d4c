using FreqScope.Core.Runs;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// The contents of an <c>ntk</c> run's <c>summary.json</c> (see docs/run-folder.md). Losses are L = (1/2n) Σ (f − y)²
/// on the n training points; the discrepancy is ‖f_real − f_lin‖₂ / ‖y − f₀‖₂ (Euclidean norms over the training
/// points, so 1 means "as far apart as the initial residual"); the test discrepancy is the same on the test points.
/// </summary>
public sealed record NtkSummary : IRunSummary
{
    /// <summary>False when the run was interrupted (then there is no kernel drift).</summary>
    public required bool Finished { get; init; }

    /// <summary>Gradient-descent steps taken.</summary>
    public required long StepsCompleted { get; init; }

    /// <summary>Training points n.</summary>
    public required int TrainCount { get; init; }

    /// <summary>Test points m (0: none).</summary>
    public required int TestCount { get; init; }

    /// <summary>Trainable parameters P.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Learning rate η.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Largest eigenvalue λ₀ of Θ₀ on the training points.</summary>
    public required double LargestEigenvalue { get; init; }

    /// <summary>Smallest eigenvalue λ_{n−1} of Θ₀ (may be slightly negative from rounding).</summary>
    public required double SmallestEigenvalue { get; init; }

    /// <summary>η λ₀ / n: linearised gradient descent converges when it is below 2 (and is monotone below 1).</summary>
    public required double StabilityFactor { get; init; }

    /// <summary>L at step 0 (the same for both).</summary>
    public required double InitialLoss { get; init; }

    /// <summary>L of the trained network at the last step.</summary>
    public required double FinalLossReal { get; init; }

    /// <summary>L of the linearised prediction at the last step.</summary>
    public required double FinalLossLinear { get; init; }

    /// <summary>‖f_real − f_lin‖ / ‖y − f₀‖ on the training points at the last step.</summary>
    public required double FinalDiscrepancy { get; init; }

    /// <summary>The largest discrepancy over all probes.</summary>
    public required double MaxDiscrepancy { get; init; }

    /// <summary>The discrepancy on the test points at the last step; null without test points.</summary>
    public double? FinalTestDiscrepancy { get; init; }

    /// <summary>‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F, the kernel's relative change over training (Frobenius norm); null when interrupted.</summary>
    public double? KernelDrift { get; init; }

    /// <summary>
    /// Spearman's ρ between eigenvector index k (0 = largest eigenvalue) and the eigenvector's dominant frequency, over
    /// the <see cref="SpearmanEigenvectors"/> eigenvectors with λ_k &gt; 10⁻¹⁰ λ₀; positive: larger eigenvalues go with
    /// lower frequencies (which gradient descent then learns first). Null when undefined (fewer than 2, or all tied).
    /// </summary>
    public double? EigenFrequencySpearman { get; init; }

    /// <summary>How many eigenvectors <see cref="EigenFrequencySpearman"/> is computed over.</summary>
    public required int SpearmanEigenvectors { get; init; }

    /// <summary>One or two sentences for people.</summary>
    public required string Verdict { get; init; }
}
