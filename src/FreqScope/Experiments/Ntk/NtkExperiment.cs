using System.Globalization;
using FreqScope.Core.Config;
using FreqScope.Core.Kinds;
using FreqScope.Core.Runs;
using FreqScope.Spectral;
using FreqScope.Theory;

namespace FreqScope.Experiments.Ntk;

/// <summary>
/// The <c>ntk</c> experiment kind: a network trained by plain full-batch gradient descent against the closed-form prediction
/// of the same network linearised around its initial parameters θ₀.
/// </summary>
/// <remarks>
/// <para>
/// Steps: build the MLP from the seed (it runs in float64, so that rounding does not blur the linearisation error);
/// compute the empirical NTK Θ₀ on the n training points (<see cref="EmpiricalNtk"/>) and its eigendecomposition
/// (<see cref="NtkSpectrum"/>, float64); record f₀; train with θ ← θ − η∇L, L = (1/2n) Σ (f(x_i) − y_i)², probing every
/// <see cref="NtkProbeConfig.Every"/> steps; at the end compute Θ_T and the kernel drift ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F.
/// </para>
/// <para>
/// At a probe after t steps: the real outputs f_t; the linearised prediction f_lin = y + (I − ηΘ₀/n)^t (f₀ − y)
/// (<see cref="LinearisedDynamics.PredictDiscrete"/>; at test points <see cref="LinearisedDynamics.PredictDiscreteAt"/>
/// with the cross kernel Θ₀(x*, X)); both losses; the discrepancy ‖f_t − f_lin‖₂ / ‖y − f₀‖₂; and both residuals
/// (f − y) projected on the top K unit eigenvectors v_k of Θ₀, c_k = v_kᵀ(f − y) (the linear one is exactly
/// (1 − ηλ_k/n)^t c_k(0)).
/// </para>
/// <para>
/// Each eigenvector's frequency is the peak of its one-sided DFT magnitude (<see cref="Dft"/>) on the uniform training
/// grid, in cycles per unit length (<see cref="Dft.Frequency"/>). Files: eigen.csv, trajectory.csv, projections.csv,
/// outputs.csv, summary.json (see docs/run-folder.md). There is no checkpoint: a resume runs an
/// unfinished run again from step 0.
/// </para>
/// </remarks>
public sealed class NtkExperiment : ExperimentKind<NtkExperiment, NtkExperimentConfig, NtkSummary>
{
    /// <summary>The data files a run writes.</summary>
    public static IReadOnlyList<string> DataFiles { get; } = [NtkEigenRow.Csv.File, NtkTrajectoryRow.Csv.File, NtkProjectionRow.Csv.File, NtkOutputRow.Csv.File];

    /// <summary>The kind (use <see cref="ExperimentKind{TSelf, TConfig, TSummary}.Instance"/>).</summary>
    public NtkExperiment()
        : base(NtkExperimentConfig.Ntk, NtkConfigJson.Default)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> SweepMetrics { get; } = ["finalDiscrepancy", "kernelDrift", "finalLossReal", "finalLossLinear", "eigenFrequencySpearman"];

    /// <summary>Eigenvalues at most this fraction of λ₀ are left out of the eigenvalue–frequency correlation (rounding noise).</summary>
    public const double SpearmanCutoff = 1e-10;

    /// <summary>
    /// A much smaller version of <paramref name="config"/> for smoke tests: at most 64 training and 64 test points,
    /// hidden widths at most 256, at most 50 steps probed every ≤ 10, at most 8 tracked eigenvectors.
    /// </summary>
    protected override NtkExperimentConfig Shrink(NtkExperimentConfig config)
    {
        int train = Math.Min(config.Data.TrainCount, 64);
        return config with
        {
            Data = config.Data with { TrainCount = train, TestCount = Math.Min(config.Data.TestCount, 64) },
            Model = config.Model with { Hidden = [.. config.Model.Hidden.Select(w => Math.Min(w, 256))] },
            Training = config.Training with { Steps = Math.Min(config.Training.Steps, 50) },
            Probe = config.Probe with
            {
                Every = Math.Max(1, Math.Min(config.Probe.Every, 10)),
                Eigenvectors = Math.Min(Math.Min(config.Probe.Eigenvectors, 8), train),
            },
        };
    }

    /// <summary>No: the kernel and its linearisation are recomputed, so a resume runs the whole run again.</summary>
    public override bool KeepsCheckpoints => false;

    /// <inheritdoc/>
    protected override IRunSession Open(NtkExperimentConfig config, RunContext context) => new NtkSession(config, context);

    /// <summary>The network, and a batch of the Jacobian's rows (probe.ntkBatchSize × parameters, float32).</summary>
    protected override IReadOnlyList<MemoryNeed> MemoryNeeds(NtkExperimentConfig config)
    {
        int inputs = config.Model.Encoding.EncodedWidth(1);
        var network = MemoryNeed.Network("model.hidden", config.Model.Hidden, inputs, 1);
        double parameters = MemoryNeed.Parameters(config.Model.Hidden, inputs, 1);
        long rows = Math.Min(config.Probe.NtkBatchSize, config.Data.TrainCount);
        return [network, new("model.hidden", network.Value, rows * parameters * MemoryNeed.FloatBytes, $"a batch of {rows} rows of the Jacobian")];
    }

    /// <inheritdoc/>
    public override ReportResult BuildReport(string runDir) => NtkReport.Build(runDir);

    /// <summary><c>--steps</c> sets training.steps.</summary>
    protected override IReadOnlyList<CliAlias> OwnAliases { get; } = [CliAlias.For("--steps", "training.steps")];

    /// <inheritdoc/>
    protected override IReadOnlyList<ScalarSeries> Scalars(NtkExperimentConfig config) =>
        [
            new(NtkTrajectoryRow.Csv.File, "step", [], ["loss_real", "loss_linear", "discrepancy", "test_loss_real", "test_loss_linear", "test_discrepancy"]),
        ];

    /// <inheritdoc/>
    public override string Describe(RunProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"step {progress.Step,7}  loss {progress["lossReal"],10:E3}  linear {progress["lossLinear"],10:E3}  discrepancy {progress["discrepancy"],9:E2}");

    /// <summary>The discrepancy and kernel drift, then the verdict.</summary>
    public override IReadOnlyList<string> Outcome(object summary) => summary is NtkSummary s
        ? [string.Create(CultureInfo.InvariantCulture,
            $"final discrepancy ‖f − f_lin‖ / ‖y − f₀‖ = {s.FinalDiscrepancy:G4} (largest {s.MaxDiscrepancy:G4}); kernel drift ‖Θ_T − Θ₀‖_F / ‖Θ₀‖_F = {(s.KernelDrift is double k ? k.ToString("G4", CultureInfo.InvariantCulture) : "n/a")}"), s.Verdict]
        : base.Outcome(summary);

    /// <summary>The dominant DFT index of each vector on a uniform grid: the argmax of its one-sided magnitude spectrum (the lowest index on ties).</summary>
    /// <param name="vector">Samples on a uniform grid (length ≥ 1).</param>
    /// <returns>An index in [0, n/2].</returns>
    public static int DominantIndex(double[] vector)
    {
        var magnitudes = Dft.OneSidedMagnitudes(Dft.Forward(vector));
        int best = 0;
        for (int k = 1; k < magnitudes.Length; k++)
            if (magnitudes[k] > magnitudes[best]) best = k;
        return best;
    }

    /// <summary>‖a − b‖_F / ‖a‖_F for two matrices of the same shape.</summary>
    public static double RelativeFrobenius(double[,] reference, double[,] other)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        if (reference.GetLength(0) != other.GetLength(0) || reference.GetLength(1) != other.GetLength(1))
            throw new ArgumentException("The matrices differ in shape.", nameof(other));
        double diff = 0, norm = 0;
        for (int i = 0; i < reference.GetLength(0); i++)
        {
            for (int j = 0; j < reference.GetLength(1); j++)
            {
                double d = other[i, j] - reference[i, j];
                diff += d * d;
                norm += reference[i, j] * reference[i, j];
            }
        }

        return Math.Sqrt(diff / norm);
    }
}
