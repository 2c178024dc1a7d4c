using FreqScope.Core.Runs;

namespace FreqScope.Experiments.Parity;

/// <summary>The <c>summary.json</c> of a <c>parity</c> run (see docs/run-folder.md).</summary>
public sealed record ParitySummary : IRunSummary
{
    /// <summary>Always <c>"parity"</c>.</summary>
    public string Experiment { get; init; } = ParityExperimentConfig.Parity;

    /// <summary>Whether training ran all its steps.</summary>
    public required bool Finished { get; init; }

    /// <summary>Steps done.</summary>
    public required long StepsCompleted { get; init; }

    /// <summary>The dimension d.</summary>
    public required int Dimension { get; init; }

    /// <summary>Training points.</summary>
    public required int TrainCount { get; init; }

    /// <summary>Test points.</summary>
    public required int TestCount { get; init; }

    /// <summary>Fraction of training points whose sign of f matches the label, at the last step.</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>The same on the test points.</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>Chance level: the test set's majority-class fraction.</summary>
    public required double ChanceLevel { get; init; }

    /// <summary>The first probe step with 100 % training accuracy, or null.</summary>
    public long? FullTrainAccuracyAtStep { get; init; }

    /// <summary>Training MSE (1/n) Σ (f − y)² at step 0.</summary>
    public required double InitialTrainLoss { get; init; }

    /// <summary>Training MSE at the last step.</summary>
    public required double FinalTrainLoss { get; init; }

    /// <summary>Test MSE at the last step.</summary>
    public required double FinalTestLoss { get; init; }

    /// <summary>√d·π/2, where the parity's spectrum Π sin² k_j is largest.</summary>
    public required double TheoryPeakRadius { get; init; }

    /// <summary>The first peak of the target's shell power on all the run's points (target-spectrum.csv's all_power; <see cref="Spectral.RadialSpectrum.FirstPeakRadius"/>).</summary>
    public required double TargetPeakRadius { get; init; }

    /// <summary>The convergence threshold ε on a band's relative error.</summary>
    public required double Epsilon { get; init; }

    /// <summary>The radius bands, lowest first.</summary>
    public required IReadOnlyList<ParityBandSummary> Bands { get; init; }

    /// <summary>Spearman correlation between band centre and convergence step (never-converged last); 0 when all converged at the same probe; null when undefined.</summary>
    public double? SpectralBiasIndex { get; init; }

    /// <summary>Sentences: accuracies against chance, the target's peak against theory, the band order and the index.</summary>
    public required string Verdict { get; init; }

    /// <summary>Wall time of training and probing.</summary>
    public required double TrainingSeconds { get; init; }
}
