namespace FreqScope.Theory;

/// <summary>
/// Closed-form predictions of gradient descent on a network linearised around its initial parameters θ₀
/// (f(x; θ) ≈ f₀(x) + ∇_θ f₀(x)·(θ − θ₀)), whose tangent kernel Θ is then constant.
/// </summary>
/// <remarks>
/// <para>
/// Convention: n training points, mean-squared-error loss L(θ) = (1/2n) Σ_i (f(x_i) − y_i)² (note the 1/2 and the
/// 1/n), plain full-batch gradient descent θ ← θ − η ∇L with learning rate η. On the training points the linearised
/// update is f ← f − (η/n) Θ (f − y), so
/// </para>
/// <list type="bullet">
/// <item><description><see cref="PredictDiscrete"/>: f_t = y + (I − ηΘ/n)^t (f₀ − y) after t steps. This is the one
/// that equals t steps of plain gradient descent on the linearised network exactly (and on a wide network in the
/// linear regime up to the linearisation error).</description></item>
/// <item><description><see cref="PredictContinuous"/>: f_t = y + e^{−ηΘt/n} (f₀ − y), gradient flow with time t
/// measured in steps; it agrees with the discrete version when ηλ_max/n ≪ 1 (per eigenvalue,
/// (1 − ηλ/n)^t ≈ e^{−ηλt/n}).</description></item>
/// </list>
/// <para>
/// Both are evaluated on the eigenbasis of <see cref="NtkSpectrum"/>: residual component k decays by
/// (1 − ηλ_k/n)^t, respectively e^{−ηλ_k t/n}. At test points x* the prediction is
/// f_t(x*) = f₀(x*) + Θ(x*, X) Θ⁻¹ (I − D_t)(y − f₀), D_t being the decay operator above; Θ⁻¹(I − D_t) is applied as
/// Σ_k g_t(λ_k) v_k v_kᵀ with g_t(λ) = (1 − d_t(λ))/λ. Eigenvalues with λ_k ≤ relativeCutoff·λ_0 are dropped
/// (g = 0): for an empirical NTK, Θ = J Jᵀ, their eigenvectors lie (up to rounding) in the null space of Jᵀ, where
/// Θ(x*, X) v_k = J* Jᵀ v_k ≈ 0 too, so dropping them removes only rounding noise amplified by 1/λ.
/// </para>
/// </remarks>
public sealed class LinearisedDynamics
{
    private readonly NtkSpectrum _spectrum;
    private readonly double[] _f0;
    private readonly double[] _y;
    private readonly double[] _initialResidual; // f₀ − y

    /// <summary>Sets up the dynamics on n training points.</summary>
    /// <param name="trainKernel">Eigendecomposition of the n×n NTK Θ(X, X) at initialisation.</param>
    /// <param name="initialOutput">f₀(X), the network's outputs on the training points at initialisation (length n).</param>
    /// <param name="targets">y (length n).</param>
    /// <param name="learningRate">η &gt; 0 of plain gradient descent on L = (1/2n) Σ (f − y)².</param>
    /// <exception cref="ArgumentException">A vector's length is not n, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">η is not positive and finite.</exception>
    public LinearisedDynamics(NtkSpectrum trainKernel, double[] initialOutput, double[] targets, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(trainKernel);
        ArgumentNullException.ThrowIfNull(initialOutput);
        ArgumentNullException.ThrowIfNull(targets);
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive and finite.");
        }

        var n = trainKernel.Size;
        CheckVector(initialOutput, n, nameof(initialOutput));
        CheckVector(targets, n, nameof(targets));
        _spectrum = trainKernel;
        _f0 = (double[])initialOutput.Clone();
        _y = (double[])targets.Clone();
        _initialResidual = new double[n];
        for (var i = 0; i < n; i++)
        {
            _initialResidual[i] = _f0[i] - _y[i];
        }

        LearningRate = learningRate;
    }

    /// <summary>Number of training points n.</summary>
    public int Count => _spectrum.Size;

    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; }

    /// <summary>Gradient-flow prediction on the training points: f_t = y + e^{−ηΘt/n}(f₀ − y).</summary>
    /// <param name="t">Time in units of steps (t = number of steps × 1), ≥ 0.</param>
    /// <returns>f_t(X), length n.</returns>
    public double[] PredictContinuous(double t)
    {
        CheckTime(t);
        var scale = LearningRate * t / Count;
        return AddTargets(_spectrum.Apply(_initialResidual, (lambda, _) => Math.Exp(-scale * lambda)));
    }

    /// <summary>Prediction after <paramref name="steps"/> steps of plain gradient descent: f_t = y + (I − ηΘ/n)^t (f₀ − y).</summary>
    /// <param name="steps">Number of steps t ≥ 0.</param>
    /// <returns>f_t(X), length n.</returns>
    public double[] PredictDiscrete(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var rate = LearningRate / Count;
        return AddTargets(_spectrum.Apply(_initialResidual, (lambda, _) => Math.Pow(1 - (rate * lambda), steps)));
    }

    /// <summary>Gradient-flow prediction at test points: f_t(x*) = f₀(x*) + Θ(x*, X) Θ⁻¹ (I − e^{−ηΘt/n})(y − f₀).</summary>
    /// <param name="crossKernel">Θ(x*, X), m×n (rows: test points, columns: training points).</param>
    /// <param name="initialTestOutput">f₀(x*), length m.</param>
    /// <param name="t">Time in units of steps, ≥ 0.</param>
    /// <param name="relativeCutoff">Eigenvalues λ_k ≤ relativeCutoff·λ_0 are dropped (see the class remarks); in [0, 1).</param>
    /// <returns>f_t(x*), length m.</returns>
    public double[] PredictContinuousAt(double[,] crossKernel, double[] initialTestOutput, double t, double relativeCutoff = 1e-10)
    {
        CheckTime(t);
        var scale = LearningRate * t / Count;
        return PredictAt(crossKernel, initialTestOutput, relativeCutoff, lambda => -double.ExpM1(-scale * lambda) / lambda);
    }

    /// <summary>Prediction at test points after t steps: f_t(x*) = f₀(x*) + Θ(x*, X) Θ⁻¹ (I − (I − ηΘ/n)^t)(y − f₀).</summary>
    /// <param name="crossKernel">Θ(x*, X), m×n (rows: test points, columns: training points).</param>
    /// <param name="initialTestOutput">f₀(x*), length m.</param>
    /// <param name="steps">Number of steps t ≥ 0.</param>
    /// <param name="relativeCutoff">Eigenvalues λ_k ≤ relativeCutoff·λ_0 are dropped (see the class remarks); in [0, 1).</param>
    /// <returns>f_t(x*), length m.</returns>
    public double[] PredictDiscreteAt(double[,] crossKernel, double[] initialTestOutput, int steps, double relativeCutoff = 1e-10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var rate = LearningRate / Count;
        return PredictAt(crossKernel, initialTestOutput, relativeCutoff, lambda => (1 - Math.Pow(1 - (rate * lambda), steps)) / lambda);
    }

    private double[] PredictAt(double[,] crossKernel, double[] initialTestOutput, double relativeCutoff, Func<double, double> gain)
    {
        ArgumentNullException.ThrowIfNull(crossKernel);
        var m = crossKernel.GetLength(0);
        if (crossKernel.GetLength(1) != Count)
        {
            throw new ArgumentException($"The cross kernel must be m×{Count}, got {m}×{crossKernel.GetLength(1)}.", nameof(crossKernel));
        }

        CheckVector(initialTestOutput, m, nameof(initialTestOutput));
        if (!(relativeCutoff >= 0 && relativeCutoff < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeCutoff), relativeCutoff, "The relative cutoff must be in [0, 1).");
        }

        var threshold = relativeCutoff * _spectrum.Eigenvalues[0];
        // w = Σ_k g(λ_k) v_k v_kᵀ (y − f₀) = −Σ_k g(λ_k) v_k v_kᵀ (f₀ − y).
        var w = _spectrum.Apply(_initialResidual, (lambda, _) => lambda > threshold && lambda > 0 ? -gain(lambda) : 0.0);
        var result = new double[m];
        for (var i = 0; i < m; i++)
        {
            var sum = initialTestOutput[i];
            for (var j = 0; j < Count; j++)
            {
                sum += crossKernel[i, j] * w[j];
            }

            result[i] = sum;
        }

        return result;
    }

    private double[] AddTargets(double[] residual)
    {
        for (var i = 0; i < residual.Length; i++)
        {
            residual[i] += _y[i];
        }

        return residual;
    }

    private static void CheckTime(double t)
    {
        if (!(t >= 0) || !double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The time must be finite and ≥ 0.");
        }
    }

    private static void CheckVector(double[] vector, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(vector, name);
        if (vector.Length != length)
        {
            throw new ArgumentException($"Expected a vector of length {length}, got {vector.Length}.", name);
        }

        if (vector.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The vector holds a non-finite value.", name);
        }
    }
}
