using FreqScope.Core.Runs;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>The <c>summary.json</c> of a <c>fourier-features</c> run (see docs/run-folder.md).</summary>
public sealed record FourierSummary : IRunSummary
{
    /// <summary>Always <c>"fourier-features"</c>.</summary>
    public string Experiment { get; init; } = FourierExperimentConfig.FourierFeatures;

    /// <summary>Whether training ran all its steps.</summary>
    public required bool Finished { get; init; }

    /// <summary>Steps done.</summary>
    public required long StepsCompleted { get; init; }

    /// <summary>The frequency density, in words.</summary>
    public required string Density { get; init; }

    /// <summary>C = η / L of the PDE (per step).</summary>
    public required double RateConstant { get; init; }

    /// <summary>D = σ_a² / 4π² when the frequencies are trained, else 0.</summary>
    public required double Diffusion { get; init; }

    /// <summary>The convergence threshold ε on a peak's relative error.</summary>
    public required double Epsilon { get; init; }

    /// <summary>The target's peaks, by increasing frequency.</summary>
    public required IReadOnlyList<FourierPeakSummary> Peaks { get; init; }

    /// <summary>Spearman correlation between peak frequency and the network's convergence step (never-converged last); 0 when every peak converged at the same probe; null when undefined.</summary>
    public double? SpectralBiasIndex { get; init; }

    /// <summary>The same index for the PDE's solution; null without a PDE or when undefined.</summary>
    public double? PdeSpectralBiasIndex { get; init; }

    /// <summary>One sentence: the order in which the peaks converged, and the index.</summary>
    public required string Verdict { get; init; }

    /// <summary>The PDE comparison; null without a <c>pde</c> section.</summary>
    public FourierPdeSummary? Pde { get; init; }

    /// <summary>Loss (1/2n) Σ (f − y)² at step 0.</summary>
    public required double InitialLoss { get; init; }

    /// <summary>Loss at the last step.</summary>
    public required double FinalLoss { get; init; }

    /// <summary>Wall time of training and probing.</summary>
    public required double TrainingSeconds { get; init; }
}
