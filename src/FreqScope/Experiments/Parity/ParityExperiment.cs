using System.Globalization;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Reporting;
using FreqScope.Spectral;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// The <c>parity</c> experiment kind (Xu et al. 2019, "Frequency Principle: Fourier analysis sheds light on deep neural
/// networks", §5): an MLP d → hidden → 1 trained on the MSE to the ±1 parity labels of part of {−1, 1}^d, tested on
/// the rest. Parity is the highest-frequency Boolean function: seen as samples of a function on ℝ^d, its spectrum
/// Π_j sin² k_j lies at |k| = √d·π/2, far from the low frequencies a network learns first, so the network fits the
/// training points (100 % training accuracy) and generalises no better than chance.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="ParityProbeConfig.Every"/> steps the losses and sign accuracies of both sets go to metrics.csv,
/// and the shell powers P_f(r) of the output and P_{f−y}(r) of the residual on the training points
/// (<see cref="RadialSpectrum"/>: ŷ(k) = (1/n) Σ_i y_i e^{−i k·x_i}, k in radians per unit of x, averaged over the
/// probe's seeded directions) to spectra.csv; the target's P_y(r) is in target-spectrum.csv. When training ends, the
/// shells are grouped into bands and each band's relative error √(Σ P_{f−y} / Σ P_y) at each probe goes to
/// bands.csv; the step at which it first falls below ε gives the spectral-bias index (docs/run-folder.md).
/// </para>
/// <para>
/// Resume: a checkpoint (parameters, optimizer state, step, row counts) is saved every
/// <see cref="ParityTrainingConfig.CheckpointEvery"/> steps and when the run is interrupted; the batch of a step
/// follows from the step and the seed alone, so a resumed run ends with the same numbers as an uninterrupted one.
/// </para>
/// </remarks>
public sealed class ParityExperiment : ExperimentKind<ParityExperiment, ParityExperimentConfig, ParitySummary>
{
    /// <summary>Metrics file name.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>Spectra file name.</summary>
    public const string SpectraFile = "spectra.csv";

    /// <summary>Target spectrum file name.</summary>
    public const string TargetFile = "target-spectrum.csv";

    /// <summary>Band error file name.</summary>
    public const string BandsFile = "bands.csv";

    /// <summary>The kind (use <see cref="ExperimentKind{TSelf, TConfig, TSummary}.Instance"/>).</summary>
    public ParityExperiment()
        : base(ParityExperimentConfig.Parity, ParityConfigJson.Default)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> SweepMetrics { get; } = ["testAccuracy", "trainAccuracy", "finalTestLoss", "finalTrainLoss", "spectralBiasIndex", "fullTrainAccuracyAtStep"];

    /// <summary>At most 300 steps probed every ≤ 20, at most 31 shells and 16 directions.</summary>
    protected override ParityExperimentConfig Shrink(ParityExperimentConfig config)
    {
        long steps = Math.Min(config.Training.Steps, 300);
        int radii = Math.Min(config.Probe.Radii, 31);
        return config with
        {
            Training = config.Training with { Steps = steps, CheckpointEvery = Math.Min(config.Training.CheckpointEvery, 100) },
            Probe = config.Probe with
            {
                Every = Math.Clamp(config.Probe.Every, 1, Math.Min(20, steps)),
                Radii = radii,
                Directions = Math.Min(config.Probe.Directions, 16),
                Bands = Math.Min(config.Probe.Bands, radii),
            },
        };
    }

    /// <inheritdoc/>
    protected override IRunSession Open(ParityExperimentConfig config, RunContext context) => new ParitySession(config, context);

    /// <summary>The network, and the training batch's activations and their gradients.</summary>
    protected override IReadOnlyList<MemoryNeed> MemoryNeeds(ParityExperimentConfig config)
    {
        int inputs = config.Model.Encoding.EncodedWidth(config.Data.Dimension);
        long rows = config.Training.BatchSize ?? config.Data.TrainCount;
        var network = MemoryNeed.Network("model.hidden", config.Model.Hidden, inputs, 1);
        return
        [
            network,
            MemoryNeed.Activations("model.hidden", network.Value, rows, [inputs, .. config.Model.Hidden, 1], training: true, $"the activations of a batch of {rows} points and their gradients"),
        ];
    }

    /// <inheritdoc/>
    public override ReportResult BuildReport(string runDir) => ParityReport.Build(runDir);

    /// <summary><c>--steps</c> sets training.steps, and probe.every to at most that.</summary>
    protected override IReadOnlyList<CliAlias> OwnAliases =>
        [Alias("--steps", "sets training.steps, and probe.every to at most that", (value, c) => StepsAlias.Expand("--steps", value, "training.steps", ("probe.every", c.Probe.Every)))];

    /// <inheritdoc/>
    protected override IReadOnlyList<ScalarSeries> Scalars(ParityExperimentConfig config) =>
        [
            new(MetricsFile, "step", [], ["train_loss", "test_loss", "train_accuracy", "test_accuracy"]),
            new(BandsFile, "step", ["band"], ["relative_error"]),
        ];

    /// <inheritdoc/>
    public override string Describe(RunProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"step {progress.Step,7}  loss {progress["trainLoss"],10:E3}  train acc {progress["trainAccuracy"],6:P1}  test acc {progress["testAccuracy"],6:P1}");

    /// <summary>
    /// The summary from the recorded rows (pure arrays): band errors per probe, their convergence, the index and the verdict.
    /// </summary>
    internal static (ParitySummary Summary, double[][] BandErrors) Summarise(
        ParityExperimentConfig config, IReadOnlyList<ParityMetricRow> metrics, IReadOnlyList<ParitySpectrumRow> spectra,
        IReadOnlyList<ParityTargetRow> target, double chance, double trainingSeconds)
    {
        var radii = target.Select(t => t.Radius).ToArray();
        var targetPower = target.Select(t => t.TrainPower).ToArray();
        int shells = radii.Length, bands = config.Probe.Bands;
        var steps = metrics.Select(m => m.Step).ToArray();
        var errors = new double[steps.Length][];
        for (int t = 0; t < steps.Length; t++)
        {
            var residual = spectra.Skip(t * shells).Take(shells).Select(r => r.ResidualPower).ToArray();
            errors[t] = RadialSpectrum.BandErrors(residual, targetPower, bands);
        }

        var bandSummaries = new ParityBandSummary[bands];
        var converged = new long?[bands];
        var centres = new double[bands];
        for (int b = 0; b < bands; b++)
        {
            var (lo, hi) = RadialSpectrum.BandShells(shells, bands, b);
            var history = errors.Select(e => double.IsNaN(e[b]) ? double.PositiveInfinity : e[b]).ToArray();
            converged[b] = Convergence.Analyze(steps, history, config.Probe.Epsilon).ConvergedAtStep;
            centres[b] = (radii[lo] + radii[hi - 1]) / 2;
            bandSummaries[b] = new ParityBandSummary(radii[lo], radii[hi - 1], targetPower[lo..hi].Sum(), errors.Length == 0 ? double.NaN : errors[^1][b], converged[b]);
        }

        double? index = converged.All(c => c is not null) && converged.Distinct().Count() == 1 ? 0 : SpectralBiasIndex.Compute(centres, converged);
        var last = metrics[^1];
        double theory = RadialSpectrum.ParityTheoryRadius(config.Data.Dimension);
        double peak = RadialSpectrum.FirstPeakRadius(radii, target.Select(t => t.AllPower).ToArray());
        long? full = metrics.FirstOrDefault(m => m.TrainAccuracy >= 1)?.Step;
        var summary = new ParitySummary
        {
            Finished = true,
            StepsCompleted = last.Step,
            Dimension = config.Data.Dimension,
            TrainCount = config.Data.TrainCount,
            TestCount = config.Data.TestCount,
            TrainAccuracy = last.TrainAccuracy,
            TestAccuracy = last.TestAccuracy,
            ChanceLevel = chance,
            FullTrainAccuracyAtStep = full,
            InitialTrainLoss = metrics[0].TrainLoss,
            FinalTrainLoss = last.TrainLoss,
            FinalTestLoss = last.TestLoss,
            TheoryPeakRadius = theory,
            TargetPeakRadius = peak,
            Epsilon = config.Probe.Epsilon,
            Bands = bandSummaries,
            SpectralBiasIndex = index,
            Verdict = ParityVerdict.Build(last.TrainAccuracy, last.TestAccuracy, chance, full, peak, theory, bandSummaries, index),
            TrainingSeconds = trainingSeconds,
        };
        return (summary, errors);
    }
}
