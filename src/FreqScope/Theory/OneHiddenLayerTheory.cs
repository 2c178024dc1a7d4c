using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Spectral;

namespace FreqScope.Theory;

/// <summary>
/// Xu's one-hidden-layer prediction of the order and the time in which a fit1d network learns its target's peaks,
/// from the activation's spectrum (<see cref="ActivationSpectrum"/>) and the first-layer weight distribution.
/// </summary>
/// <remarks>
/// <para>
/// What is predicted: for a network x ↦ Σᵢ aᵢ σ(wᵢ x + bᵢ) with one scalar input, the error's Fourier component at
/// angular frequency k (radians per unit of x) decays under gradient flow at a rate proportional to
/// P(k) = E_w[|σ̂(k / (2π w))|² / w²] (<see cref="ActivationSpectrum.Priority(Activation, double, FirstLayerWeights)"/>).
/// Each component then falls like e^{−c P(k) t}, so the time for it to fall to the same relative error ε is
/// t_k ∝ 1/P(k). Anchored at the lowest-frequency peak k₀ (whose measured convergence step is s₀), the predicted
/// convergence step of peak k is s₀ · P(k₀)/P(k).
/// </para>
/// <para>
/// Assumptions: a wide network (the NTK is its mean over the weights and stays fixed during training); only the
/// output-layer part of the NTK, Σᵢ σ(wᵢ x + bᵢ) σ(wᵢ x′ + bᵢ), is kept (the first layer's own gradient is ignored);
/// the kernel is taken diagonal in frequency (the biases spread the neurons evenly, so Fourier modes are its
/// eigenfunctions; the domain's finite window and the sampling grid are ignored); plain gradient flow (a small-step
/// gradient descent; Adam rescales the rates and is outside the theory); every peak starts from the same relative
/// error (for a network that outputs ≈ 0 at initialisation, relative error ≈ 1 at every peak); and the same ε for all
/// peaks. The network's biases do not enter (|FT| of σ(w x + b) does not depend on b). For a deeper network the
/// prediction uses its first layer's weights only and is still "the one-hidden-layer prediction".
/// </para>
/// <para>
/// Units: the peaks of summary.json are given in cycles per unit of x (ξ_x = <see cref="Dft.Frequency"/>); the
/// prediction uses the angular frequency k = 2π ξ_x, the convention of <see cref="ActivationSpectrum.Neuron"/>.
/// </para>
/// </remarks>
public static class OneHiddenLayerTheory
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Why the prediction does not apply to a network built from <paramref name="model"/>, or null when it does: the
    /// activation is sin (a line spectrum, no density), or the first-layer weights are all zero.
    /// </summary>
    public static string? SkipReason(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ActivationSpectrum.HasSpectrum(model.Activation))
            return $"activation {JsonNames.Of(model.Activation)} has a line spectrum (ξ = ±1/2π), not a spectral density, so the one-hidden-layer priority is undefined";
        if (model.Encoding.Kind != InputEncodingKind.None)
            return $"the network reads the {JsonNames.Of(model.Encoding.Kind)} encoding γ(x), not x, so its first layer's spectrum in x is not that of one neuron σ(w x + b)";
        if (model.WeightInit.Distribution == InitDistribution.Zeros)
            return "the first-layer weights are initialised to zero: every neuron is constant in x, so the one-hidden-layer priority is undefined";
        return null;
    }

    /// <summary>
    /// The distribution of the first layer's weights of a fit1d network (input width 1, first hidden width
    /// h = <c>Hidden[0]</c>) as <see cref="FreqScope.Models.Initializer"/> draws them:
    /// default (PyTorch's nn.Linear: Kaiming-uniform with a = √5, bound 1/√fan_in) → U(−1, 1);
    /// normal σ → N(0, σ²); uniform σ → U(−σ√3, σ√3); xavierNormal → N(0, g² · 2/(1 + h));
    /// xavierUniform → U(−b, b) with b = g √(6/(1 + h)); kaimingNormal → N(0, 2 g²); kaimingUniform → U(−g√6, g√6).
    /// </summary>
    /// <exception cref="NotSupportedException">The weights are initialised to zero.</exception>
    public static FirstLayerWeights FirstLayerWeightsOf(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        InitConfig init = model.WeightInit;
        const double fanIn = 1;
        double fanOut = model.Hidden[0];
        return init.Distribution switch
        {
            InitDistribution.Default => FirstLayerWeights.Uniform(1 / Math.Sqrt(fanIn)),
            InitDistribution.Normal => FirstLayerWeights.Normal(init.ResolvedStd),
            InitDistribution.Uniform => FirstLayerWeights.Uniform(init.ResolvedStd * Math.Sqrt(3)),
            InitDistribution.XavierNormal => FirstLayerWeights.Normal(init.Gain * Math.Sqrt(2 / (fanIn + fanOut))),
            InitDistribution.XavierUniform => FirstLayerWeights.Uniform(init.Gain * Math.Sqrt(6 / (fanIn + fanOut))),
            InitDistribution.KaimingNormal => FirstLayerWeights.Normal(init.Gain * Math.Sqrt(2 / fanIn)),
            InitDistribution.KaimingUniform => FirstLayerWeights.Uniform(init.Gain * Math.Sqrt(6 / fanIn)),
            InitDistribution.Zeros => throw new NotSupportedException("the first-layer weights are all zero; they have no distribution to average over"),
            _ => throw new ArgumentOutOfRangeException(nameof(model), init.Distribution, "unknown initialization"),
        };
    }

    /// <summary>Where <see cref="FirstLayerWeightsOf"/>'s distribution comes from, in words (for summary.json and the report).</summary>
    public static string DescribeFirstLayerInit(ModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        InitConfig init = model.WeightInit;
        string scale = init.Std is double std
            ? string.Create(Invariant, $"std {std:G6}")
            : init.Scale is { } byScale ? string.Create(Invariant, $"std {byScale.M:G6}^(−{byScale.T:G6})") : string.Empty;
        string gain = init.Gain == 1 ? string.Empty : string.Create(Invariant, $", gain {init.Gain:G6}");
        string weights = FirstLayerWeightsOf(model).ToString();
        return init.Distribution switch
        {
            InitDistribution.Default => $"weightInit default (PyTorch nn.Linear: Kaiming-uniform, a = √5, fan_in 1) → {weights}",
            InitDistribution.Normal or InitDistribution.Uniform => $"weightInit {JsonNames.Of(init.Distribution)}, {scale} → {weights}",
            _ => string.Create(Invariant, $"weightInit {JsonNames.Of(init.Distribution)}{gain}, fan_in 1, fan_out {model.Hidden[0]} → {weights}"),
        };
    }

    /// <summary>
    /// The predicted convergence step of every peak: s_k = s₀ · P(k₀)/P(k), where k₀ is the lowest |k| of
    /// <paramref name="angularFrequencies"/> and s₀ = <paramref name="lowestMeasuredStep"/> its measured step
    /// (see the class remarks for what this assumes). The lowest peak's prediction is s₀ itself.
    /// </summary>
    /// <param name="activation">The hidden activation (not sin).</param>
    /// <param name="weights">The first-layer weight distribution.</param>
    /// <param name="angularFrequencies">The peaks' angular frequencies k (radians per unit of x), each finite and ≠ 0.</param>
    /// <param name="lowestMeasuredStep">The measured convergence step of the lowest peak, or null (then every <see cref="PeakPrediction.PredictedStep"/> is null).</param>
    /// <returns>One prediction per frequency, in the input order.</returns>
    /// <exception cref="ArgumentException">No frequencies.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A frequency is 0 or not finite.</exception>
    /// <exception cref="NotSupportedException">The activation is sin.</exception>
    public static IReadOnlyList<PeakPrediction> Predict(Activation activation, FirstLayerWeights weights, IReadOnlyList<double> angularFrequencies, double? lowestMeasuredStep)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(angularFrequencies);
        if (angularFrequencies.Count == 0) throw new ArgumentException("give at least one frequency", nameof(angularFrequencies));
        double[] logP = [.. angularFrequencies.Select(k => ActivationSpectrum.LogPriority(activation, k, weights))];
        int lowest = 0;
        for (int i = 1; i < angularFrequencies.Count; i++)
            if (Math.Abs(angularFrequencies[i]) < Math.Abs(angularFrequencies[lowest])) lowest = i;

        var predictions = new PeakPrediction[logP.Length];
        for (int i = 0; i < logP.Length; i++)
        {
            double log10Relative = (logP[i] - logP[lowest]) / Math.Log(10);
            double? step = lowestMeasuredStep is double s0 ? s0 * Math.Pow(10, -log10Relative) : null;
            predictions[i] = new PeakPrediction(angularFrequencies[i], log10Relative, step is double v && double.IsFinite(v) ? v : null);
        }

        return predictions;
    }

    /// <summary>
    /// Spearman's rank correlation between the predicted steps (ranked by 1/P(k), which orders them the same way and
    /// needs no anchor) and the measured steps, never-converged peaks (null) ranked last and tied; null when undefined.
    /// </summary>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static double? Spearman(IReadOnlyList<PeakPrediction> predictions, IReadOnlyList<long?> measuredSteps)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return SpectralBiasIndex.Compute([.. predictions.Select(p => -p.Log10RelativePriority)], measuredSteps);
    }
}
