using FreqScope.Core;

namespace FreqScope.Theory;

/// <summary>
/// Fourier-transform magnitudes of activation functions and of single neurons, the ingredients of Xu's
/// one-hidden-layer explanation of the Frequency Principle.
/// </summary>
/// <remarks>
/// <para>
/// Convention: σ̂(ξ) = ∫ σ(x) e^{−2πiξx} dx, ξ in cycles per unit of the pre-activation. The activations are not
/// integrable; their transforms are tempered distributions whose singular parts (δ and its derivatives) sit at
/// ξ = 0, so magnitudes are given for ξ ≠ 0 only:
/// </para>
/// <list type="bullet">
/// <item>tanh: π / |sinh(π²ξ)| (from tanh′ = sech², whose transform is 2π²ξ / sinh(π²ξ)); decays like 2π e^{−π²|ξ|};</item>
/// <item>sigmoid = (1 + tanh(x/2))/2: π / |sinh(2π²ξ)|;</item>
/// <item>softplus (its integral): 1 / (2|ξ| |sinh(2π²ξ)|);</item>
/// <item>ReLU = x·H(x): 1 / (4π²ξ²), a power law; leaky ReLU with slope α: (1 − α) / (4π²ξ²);</item>
/// <item>GELU = x·Φ(x): e^{−2π²ξ²} (1 + 1/(4π²ξ²)).</item>
/// </list>
/// <para>
/// sin has no density (two spectral lines at ξ = ±1/2π) and is rejected. A neuron σ(w x + b) has
/// |FT|(ξ) = |σ̂(ξ / w)| / |w| whatever b is. In angular frequency k = 2πξ of x that is |σ̂(k / (2πw))| / |w|, for tanh
/// ≈ (2π/|w|) e^{−π|k|/(2|w|)}: a frequency k reaches a neuron's gradient exponentially weakened in k/|w|.
/// </para>
/// </remarks>
public static class ActivationSpectrum
{
    /// <summary>|σ̂(ξ)| for ξ ≠ 0 (cycles per unit of the pre-activation).</summary>
    /// <exception cref="ArgumentOutOfRangeException">ξ is 0 or not finite.</exception>
    /// <exception cref="NotSupportedException">The activation is sin (a line spectrum).</exception>
    public static double Magnitude(Activation activation, double xi)
    {
        if (xi == 0 || !double.IsFinite(xi))
            throw new ArgumentOutOfRangeException(nameof(xi), xi, "the transform is a distribution at ξ = 0; give a finite ξ ≠ 0");
        double a = Math.Abs(xi);
        double pi2 = Math.PI * Math.PI;
        return activation switch
        {
            Activation.Tanh => Math.PI / Math.Sinh(pi2 * a),
            Activation.Sigmoid => Math.PI / Math.Sinh(2 * pi2 * a),
            Activation.Softplus => 1 / (2 * a * Math.Sinh(2 * pi2 * a)),
            Activation.Relu => 1 / (4 * pi2 * a * a),
            Activation.LeakyRelu => (1 - 0.01) / (4 * pi2 * a * a),
            Activation.Gelu => Math.Exp(-2 * pi2 * a * a) * (1 + 1 / (4 * pi2 * a * a)),
            Activation.Sin => throw new NotSupportedException(SinMessage),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
        };
    }

    /// <summary>
    /// |FT| of one neuron x ↦ σ(w x + b) at angular frequency <paramref name="k"/> (radians per unit of x, k ≠ 0):
    /// |σ̂(k / (2π w))| / |w|.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">w or k is 0 or not finite.</exception>
    public static double Neuron(Activation activation, double w, double k)
    {
        if (w == 0 || !double.IsFinite(w)) throw new ArgumentOutOfRangeException(nameof(w), w, "the weight must be finite and non-zero");
        if (k == 0 || !double.IsFinite(k)) throw new ArgumentOutOfRangeException(nameof(k), k, "give a finite angular frequency k ≠ 0");
        return Magnitude(activation, k / (2 * Math.PI * w)) / Math.Abs(w);
    }

    /// <summary>
    /// ln |σ̂(ξ)| for ξ ≠ 0, computed without forming |σ̂(ξ)| (so it stays finite where <see cref="Magnitude"/>
    /// underflows to 0, e.g. tanh at ξ ≳ 72).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">ξ is 0 or not finite.</exception>
    /// <exception cref="NotSupportedException">The activation is sin (a line spectrum).</exception>
    public static double LogMagnitude(Activation activation, double xi)
    {
        if (xi == 0 || !double.IsFinite(xi))
            throw new ArgumentOutOfRangeException(nameof(xi), xi, "the transform is a distribution at ξ = 0; give a finite ξ ≠ 0");
        double a = Math.Abs(xi);
        double pi2 = Math.PI * Math.PI;
        return activation switch
        {
            Activation.Tanh => Math.Log(Math.PI) - LogSinh(pi2 * a),
            Activation.Sigmoid => Math.Log(Math.PI) - LogSinh(2 * pi2 * a),
            Activation.Softplus => -Math.Log(2 * a) - LogSinh(2 * pi2 * a),
            Activation.Relu => -Math.Log(4 * pi2 * a * a),
            Activation.LeakyRelu => Math.Log(1 - 0.01) - Math.Log(4 * pi2 * a * a),
            Activation.Gelu => (-2 * pi2 * a * a) + Math.Log(1 + (1 / (4 * pi2 * a * a))),
            Activation.Sin => throw new NotSupportedException(SinMessage),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
        };
    }

    /// <summary>Whether <see cref="Magnitude"/> is defined for <paramref name="activation"/> (every activation but sin).</summary>
    public static bool HasSpectrum(Activation activation) => activation != Activation.Sin && Enum.IsDefined(activation);

    /// <summary>
    /// The one-hidden-layer priority of angular frequency k: P(k) = E_w[Neuron(w, k)²] over input weights
    /// w ~ N(0, s²). Same as <see cref="Priority(Activation, double, FirstLayerWeights)"/> with
    /// <see cref="FirstLayerWeights.Normal"/>(s).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">s or k is not finite and positive/non-zero.</exception>
    /// <exception cref="NotSupportedException">The activation is sin.</exception>
    public static double Priority(Activation activation, double k, double weightStd)
    {
        if (!(weightStd > 0) || double.IsInfinity(weightStd)) throw new ArgumentOutOfRangeException(nameof(weightStd), weightStd, "the weight scale must be a finite number > 0");
        return Priority(activation, k, FirstLayerWeights.Normal(weightStd));
    }

    /// <summary>
    /// The one-hidden-layer priority of angular frequency k (radians per unit of x, k ≠ 0):
    /// P(k) = E_w[Neuron(w, k)²] = E_w[|σ̂(k / (2π w))|² / w²] over the input weights w of
    /// <paramref name="weights"/>. Under gradient flow the error at frequency k of a wide one-hidden-layer network
    /// decays at a rate proportional to P(k) (the output-layer part of the NTK, diagonal in frequency), so
    /// P(k)/P(k₀) is the predicted speed of k relative to k₀. Equals exp(<see cref="LogPriority"/>); it underflows to 0
    /// where ln P(k) &lt; −745 (use <see cref="LogPriority"/> for ratios).
    /// </summary>
    /// <remarks>
    /// Closed forms for checking: ReLU gives Neuron(w, k)² = w²/k⁴, so P(k) = E[w²]/k⁴ = σ²/k⁴ for both N(0, σ²) and
    /// U(−b, b) (σ² = b²/3).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">k is 0 or not finite.</exception>
    /// <exception cref="NotSupportedException">The activation is sin.</exception>
    public static double Priority(Activation activation, double k, FirstLayerWeights weights) => Math.Exp(LogPriority(activation, k, weights));

    /// <summary>
    /// ln P(k) of <see cref="Priority(Activation, double, FirstLayerWeights)"/>, by composite Simpson quadrature of the
    /// (even) integrand over 0 &lt; w ≤ W with 20 000 intervals, summed in log space so that it never underflows.
    /// W is b for U(−b, b); for N(0, σ²) it starts at 12 σ and is doubled while the integrand peaks in the last third of
    /// (0, W] (high k / σ moves the peak out, to w ≈ (π k σ²)^{1/3} for tanh).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is 0 or not finite.</exception>
    /// <exception cref="NotSupportedException">The activation is sin.</exception>
    public static double LogPriority(Activation activation, double k, FirstLayerWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (k == 0 || !double.IsFinite(k)) throw new ArgumentOutOfRangeException(nameof(k), k, "give a finite angular frequency k ≠ 0");
        if (activation == Activation.Sin) throw new NotSupportedException(SinMessage + "; the one-hidden-layer priority needs a spectral density");
        if (!Enum.IsDefined(activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        double s = weights.Std;
        bool normal = weights.Kind == FirstLayerWeightsKind.Normal;
        double logNormalisation = normal ? -Math.Log(s * Math.Sqrt(2 * Math.PI)) : -Math.Log(2 * weights.Bound!.Value);
        double LogIntegrand(double w)
        {
            if (w <= 0) return double.NegativeInfinity;
            double logNeuron = LogMagnitude(activation, k / (2 * Math.PI * w)) - Math.Log(w);
            double logDensity = normal ? logNormalisation - (w * w / (2 * s * s)) : logNormalisation;
            return Math.Log(2) + (2 * logNeuron) + logDensity;
        }

        const int intervals = 20_000;
        double upper = normal ? 12 * s : weights.Bound!.Value;
        double[] logs = new double[intervals + 1];
        for (int attempt = 0; ; attempt++)
        {
            double h = upper / intervals;
            int argMax = 0;
            for (int i = 0; i <= intervals; i++)
            {
                logs[i] = LogIntegrand(i * h);
                if (logs[i] > logs[argMax]) argMax = i;
            }

            if (normal && argMax > 2 * intervals / 3 && attempt < 20)
            {
                upper *= 2;
                continue;
            }

            double max = logs[argMax];
            if (double.IsNegativeInfinity(max)) return double.NegativeInfinity;
            double sum = 0;
            for (int i = 0; i <= intervals; i++)
            {
                double weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
                sum += weight * Math.Exp(logs[i] - max);
            }

            return max + Math.Log(sum * h / 3);
        }
    }

    private const string SinMessage = "sin has a line spectrum (ξ = ±1/2π), not a density";

    /// <summary>ln sinh(x) for x &gt; 0, stable for large x.</summary>
    private static double LogSinh(double x) => x > 20 ? x - Math.Log(2) + Math.Log(1 - Math.Exp(-2 * x)) : Math.Log(Math.Sinh(x));
}
