using FreqScope.Experiments;

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
            Activation.Sin => throw new NotSupportedException("sin has a line spectrum (ξ = ±1/2π), not a density"),
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
    /// The one-hidden-layer priority of angular frequency k: P(k) = E_w[Neuron(w, k)²] over input weights
    /// w ~ N(0, s²), computed by composite Simpson quadrature over 0 &lt; w ≤ 12 s (the integrand is even in w).
    /// Under gradient flow the error at frequency k of a wide one-hidden-layer network decays at a rate proportional
    /// to P(k) (the output-layer part of the NTK, diagonal in frequency), so P(k)/P(k₀) is the predicted speed of k
    /// relative to k₀.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">s or k is not finite and positive/non-zero.</exception>
    public static double Priority(Activation activation, double k, double weightStd)
    {
        if (!(weightStd > 0) || double.IsInfinity(weightStd)) throw new ArgumentOutOfRangeException(nameof(weightStd), weightStd, "the weight scale must be a finite number > 0");
        if (k == 0 || !double.IsFinite(k)) throw new ArgumentOutOfRangeException(nameof(k), k, "give a finite angular frequency k ≠ 0");
        double Integrand(double w)
        {
            if (w <= 0) return 0;
            double n = Neuron(activation, w, k);
            double gauss = Math.Exp(-w * w / (2 * weightStd * weightStd)) / (weightStd * Math.Sqrt(2 * Math.PI));
            double value = 2 * n * n * gauss;
            return double.IsFinite(value) ? value : 0;
        }

        // The integrand vanishes fast at 0 for the smooth activations (e^{−c/w}) and is bounded by the Gaussian
        // above; composite Simpson on (0, 12 s] with 20 000 intervals is accurate to ~1e-10 relative here.
        const int intervals = 20_000;
        double upper = 12 * weightStd, h = upper / intervals, sum = Integrand(upper);
        for (int i = 1; i < intervals; i++) sum += (i % 2 == 1 ? 4 : 2) * Integrand(i * h);
        return sum * h / 3;
    }
}
