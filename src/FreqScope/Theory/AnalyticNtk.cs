namespace FreqScope.Theory;

/// <summary>Closed-form infinite-width neural tangent kernels.</summary>
public static class AnalyticNtk
{
    /// <summary>
    /// Infinite-width NTK of the 1-D random Fourier-feature model
    /// f(x) = (1/√m) Σ_j [a_j cos(w_j x) + b_j sin(w_j x)], a_j, b_j ~ N(0, σ_a²), w_j ~ ρ, with respect to
    /// (a, b) and, if <paramref name="trainFrequencies"/>, also w:
    /// Θ(x, x′) = (1 + σ_a² x x′) k_ρ(x − x′) when the frequencies are trained, k_ρ(x − x′) when they are fixed.
    /// </summary>
    /// <remarks>
    /// The a, b part gives (1/m) Σ_j cos(w_j (x − x′)) → k_ρ(x − x′); the w part gives
    /// (x x′/m) Σ_j [a_j² sin(w_j x) sin(w_j x′) + b_j² cos(w_j x) cos(w_j x′) − a_j b_j (…)] → σ_a² x x′ k_ρ(x − x′),
    /// since a, b, w are independent with E a b = 0. The empirical kernel of a width-m model fluctuates around this
    /// limit by O(1/√m).
    /// </remarks>
    /// <param name="x1">Row points x (1-D inputs).</param>
    /// <param name="x2">Column points x′.</param>
    /// <param name="sigmaA">σ_a ≥ 0, standard deviation of the output weights a and b.</param>
    /// <param name="kRho">k_ρ(z) = E_{w~ρ} cos(w z), the characteristic function of ρ (e.g. exp(−s²z²/2) for w ~ N(0, s²)).</param>
    /// <param name="trainFrequencies">Whether the frequencies w are trained (are parameters of the kernel).</param>
    /// <returns>Θ(x1_i, x2_j) as a row-major |x1|×|x2| array.</returns>
    /// <exception cref="ArgumentOutOfRangeException">σ_a is negative or not finite.</exception>
    public static double[,] FourierFeature(double[] x1, double[] x2, double sigmaA, Func<double, double> kRho, bool trainFrequencies)
    {
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        ArgumentNullException.ThrowIfNull(kRho);
        if (!(sigmaA >= 0) || !double.IsFinite(sigmaA))
        {
            throw new ArgumentOutOfRangeException(nameof(sigmaA), sigmaA, "σ_a must be finite and ≥ 0.");
        }

        var s2 = sigmaA * sigmaA;
        var result = new double[x1.Length, x2.Length];
        for (var i = 0; i < x1.Length; i++)
        {
            for (var j = 0; j < x2.Length; j++)
            {
                var k = kRho(x1[i] - x2[j]);
                result[i, j] = trainFrequencies ? (1 + (s2 * x1[i] * x2[j])) * k : k;
            }
        }

        return result;
    }
}
