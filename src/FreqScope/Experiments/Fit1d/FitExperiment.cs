using System.Globalization;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Reporting;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// The "fit a target function" experiment kind (<c>fit1d</c>): train an MLP on samples of a 1-D target and, every
/// <see cref="FitProbeConfig.Every"/> steps, compare the DFT of the network's output with the target's on the
/// uniform evaluation grid (see docs/run-folder.md for what is written and the DFT conventions).
/// </summary>
public sealed class FitExperiment : ExperimentKind<FitExperiment, FitExperimentConfig, FitSummary>
{
    /// <summary>The kind (use <see cref="ExperimentKind{TSelf, TConfig, TSummary}.Instance"/>).</summary>
    public FitExperiment()
        : base(FitExperimentConfig.Fit1d, FitConfigJson.Default)
    {
    }

    /// <summary>Parses and validates a fit1d config.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, not a fit1d config, or invalid.</exception>
    public static FitExperimentConfig Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        using var document = ConfigNode.Parse(json, source);
        var root = ConfigNode.Root(source, document.RootElement);
        var kind = ExperimentKinds.Registry.KindOf(root);
        if (kind != Instance)
            throw root.Error("experiment", $"\"{kind.Name}\" is not a fit1d config; read it with ConfigLoader.ParseAny / LoadAnyFile");
        return Instance.Read(root);
    }

    /// <summary>Reads and validates the fit1d config file at <paramref name="path"/>.</summary>
    public static FitExperimentConfig LoadFile(string path) => Parse(ConfigNode.ReadFile(path), path);

    /// <summary>The built-in default experiment (<c>experiments/fprinciple-1d.json</c>, embedded in the assembly).</summary>
    public static FitExperimentConfig LoadDefault() => Parse(ConfigLoader.DefaultJson(), ConfigLoader.DefaultSource);

    /// <summary>A fit1d config as indented JSON with every value explicit.</summary>
    public static string ToJson(FitExperimentConfig config) => Instance.Write(config);

    /// <inheritdoc/>
    public override IReadOnlyList<string> SweepMetrics { get; } = ["spectralBiasIndex", "finalTrainLoss", "finalTestLoss", "highFrequencyEnergy"];

    /// <summary>At most 50 steps, probed every ≤ 10, checkpointed every ≤ 20.</summary>
    protected override FitExperimentConfig Shrink(FitExperimentConfig config) => config with
    {
        Training = config.Training with
        {
            Steps = Math.Min(config.Training.Steps, 50),
            CheckpointEvery = Math.Min(config.Training.CheckpointEvery, 20),
        },
        Probe = config.Probe with { Every = Math.Max(1, Math.Min(config.Probe.Every, 10)) },
    };

    /// <inheritdoc/>
    protected override IRunSession Open(FitExperimentConfig config, RunContext context) => new FitSession(config, context);

    /// <summary>
    /// The evaluation grid with the outputs, their DFT and the target's (about 84 bytes a point) and the first
    /// layer's activations on it; the training batch's activations and their gradients; the network.
    /// </summary>
    protected override IReadOnlyList<MemoryNeed> MemoryNeeds(FitExperimentConfig config)
    {
        int inputs = config.Model.Encoding.EncodedWidth(1);
        int[] widths = [inputs, .. config.Model.Hidden, 1];
        long eval = config.Data.Eval.Count;
        var batch = config.Training.BatchSize is int b ? ("training.batchSize", (long)b) : ("data.train.count", (long)config.Data.Train.Count);
        return
        [
            new("data.eval.count", MemoryNeed.Spell(eval), eval * (84.0 + MemoryNeed.FloatBytes * widths.Max()),
                "the evaluation grid, the outputs on it, their DFT and the target's"),
            MemoryNeed.Activations(batch.Item1, MemoryNeed.Spell(batch.Item2), batch.Item2, widths, training: true, "the training batch's activations and their gradients"),
            MemoryNeed.Network("model.hidden", config.Model.Hidden, inputs, 1),
        ];
    }

    /// <summary>A run stops early once its training loss is below <see cref="FitTrainingConfig.StopAtLoss"/>.</summary>
    protected override IReadOnlyList<IRunCallback> Callbacks(FitExperimentConfig config) =>
        config.Training.StopAtLoss is double loss ? [new StopAtLoss(loss)] : [];

    /// <inheritdoc/>
    public override ReportResult BuildReport(string runDir) => FitReport.Build(runDir);

    /// <summary><c>--steps</c> sets training.steps.</summary>
    protected override IReadOnlyList<CliAlias> OwnAliases { get; } = [CliAlias.For("--steps", "training.steps")];

    /// <inheritdoc/>
    protected override IReadOnlyList<ScalarSeries> Scalars(FitExperimentConfig config) =>
        [
            new(MetricRow.Csv.File, "step", [], ["train_loss", "test_loss"]),
            new(SpectrumRow.Csv.File, "step", ["k"], ["delta_complex", "delta_magnitude"]) { KeepKeys = ScalarSeries.Peaks("k", "target_abs", config.Probe.MinRelativeHeight) },
        ];

    /// <inheritdoc/>
    public override string Describe(RunProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"step {progress.Step,7}  loss {progress["trainLoss"],10:E3}");

    /// <summary>
    /// The probe steps that get an output snapshot: step 0, the last probe, and <paramref name="count"/> − 2 probes
    /// between them spaced geometrically (probes are at 0, every, 2·every, … and <paramref name="total"/>).
    /// </summary>
    internal static HashSet<long> SnapshotSteps(long total, int every, int count) => FitRecorder.SnapshotSteps(total, every, count);

    /// <summary>Stops the run at the first probe whose training loss is below the threshold.</summary>
    private sealed class StopAtLoss(double threshold) : IRunCallback
    {
        public void OnProgress(RunInfo run, RunProgress progress)
        {
            if (progress.IsProbe && progress["trainLoss"] < threshold) run.RequestStop();
        }
    }
}
