using System.Globalization;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Reporting;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// The <c>fourier-features</c> experiment kind: a two-layer Fourier-feature network (<see cref="Models.FourierFeatureNet"/>)
/// trained by full-batch gradient descent on a 1-D target, its error spectrum recorded over training, and the
/// frequency PDE of docs/frequency-pde.md solved by finite elements from the same initial spectrum for comparison.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="FourierProbeConfig.Every"/> steps the residual r_i = f(x_i) − y_i on the training points is
/// transformed with FreqScope's non-uniform DFT in absolute coordinates, R(ξ) = (1/n) Σ_i r_i e^{−2πiξx_i} (ξ in
/// cycles per unit of x), on the non-negative half of the probe grid, and written to spectra.csv. When training ends,
/// the PDE ∂_t R = C [D ∂_ξ(ρ ∂_ξ R) − ρ R], C = η/L, D = σ_a²/4π² (0 with fixed frequencies), is solved from the
/// step-0 spectrum; pde.csv, peaks.csv, fit.csv and summary.json follow (docs/run-folder.md).
/// </para>
/// <para>
/// Resume: a checkpoint (parameters, step, row counts) is saved every <see cref="FourierTrainingConfig.CheckpointEvery"/>
/// steps and when the run is interrupted; <c>--resume</c> cuts the CSV files back to it and continues. Plain gradient
/// descent has no other state, so a resumed run ends with the same numbers as an uninterrupted one.
/// </para>
/// </remarks>
public sealed class FourierExperiment : ExperimentKind<FourierExperiment, FourierExperimentConfig, FourierSummary>
{
    /// <summary>Spectra file name.</summary>
    public const string SpectraFile = "spectra.csv";

    /// <summary>Loss file name.</summary>
    public const string LossFile = "loss.csv";

    /// <summary>PDE solution file name.</summary>
    public const string PdeFile = "pde.csv";

    /// <summary>Peak error file name.</summary>
    public const string PeaksFile = "peaks.csv";

    /// <summary>Fit file name.</summary>
    public const string FitFile = "fit.csv";

    /// <summary>The kind (use <see cref="ExperimentKind{TSelf, TConfig, TSummary}.Instance"/>).</summary>
    public FourierExperiment()
        : base(FourierExperimentConfig.FourierFeatures, FourierConfigJson.Default)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> SweepMetrics { get; } = ["spectralBiasIndex", "pdeSpectralBiasIndex", "finalLoss", "pde.discrepancy"];

    /// <summary>Width ≤ 256, at most 60 steps probed every ≤ 10, at most 201 frequency nodes.</summary>
    protected override FourierExperimentConfig Shrink(FourierExperimentConfig config)
    {
        long steps = Math.Min(config.Training.Steps, 60);
        return config with
        {
            Network = config.Network with { Width = Math.Min(config.Network.Width, 256) },
            Training = config.Training with { Steps = steps, CheckpointEvery = Math.Min(config.Training.CheckpointEvery, 20) },
            Probe = config.Probe with { Every = Math.Clamp(config.Probe.Every, 1, Math.Min(10, steps)), Nodes = Math.Min(config.Probe.Nodes, 201) },
        };
    }

    /// <inheritdoc/>
    protected override IRunSession Open(FourierExperimentConfig config, RunContext context) => new FourierSession(config, context);

    /// <summary>The features of every point and their gradients (points × width, float32), and the network.</summary>
    protected override IReadOnlyList<MemoryNeed> MemoryNeeds(FourierExperimentConfig config)
    {
        var width = MemoryNeed.Spell(config.Network.Width);
        return
        [
            MemoryNeed.Activations("network.width", width, config.Data.Points, [config.Network.Width], training: true, $"the features of {config.Data.Points} points and their gradients"),
            MemoryNeed.Network("network.width", width, MemoryNeed.Parameters([config.Network.Width], 1, 1)),
        ];
    }

    /// <inheritdoc/>
    public override ReportResult BuildReport(string runDir) => FourierReport.Build(runDir);

    /// <summary><c>--steps</c> sets training.steps, and probe.every to at most that.</summary>
    protected override IReadOnlyList<CliAlias> OwnAliases =>
        [Alias("--steps", "sets training.steps, and probe.every to at most that", (value, c) => StepsAlias.Expand("--steps", value, "training.steps", ("probe.every", c.Probe.Every)))];

    /// <inheritdoc/>
    protected override IReadOnlyList<ScalarSeries> Scalars(FourierExperimentConfig config) =>
        [
            new(LossFile, "step", [], ["loss"]),
            new(PeaksFile, "step", ["xi"], ["network_error", "pde_error"]),
        ];

    /// <inheritdoc/>
    public override string Describe(RunProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"step {progress.Step,7}  loss {progress["loss"],10:E3}");

    /// <summary>The verdict and how far the network was from the PDE.</summary>
    public override IReadOnlyList<string> Outcome(object summary) =>
        summary is FourierSummary { Pde: { } pde } s ? [s.Verdict + " " + FourierReport.DiscrepancyText(pde)] : base.Outcome(summary);
}
