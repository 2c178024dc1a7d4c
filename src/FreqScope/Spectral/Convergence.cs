namespace FreqScope.Spectral;

/// <summary>
/// Turns a per-peak error history (one error per recorded training step) into convergence steps.
/// </summary>
public static class Convergence
{
    /// <summary>
    /// Finds the first step with error &lt; <paramref name="epsilon"/> and the first step from which the error stays
    /// &lt; <paramref name="epsilon"/> until the end of the history. NaN errors count as not converged.
    /// An empty history gives (null, null).
    /// </summary>
    /// <param name="steps">Recorded training steps, strictly increasing.</param>
    /// <param name="errors">The error at each step (same count as <paramref name="steps"/>).</param>
    /// <param name="epsilon">The convergence threshold, &gt; 0 (a strict comparison, error &lt; ε, is used).</param>
    /// <returns>The convergence steps.</returns>
    /// <exception cref="ArgumentException">The counts differ or the steps are not strictly increasing.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not &gt; 0.</exception>
    public static PeakConvergence Analyze(IReadOnlyList<long> steps, IReadOnlyList<double> errors, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(errors);
        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be > 0.");
        }

        if (steps.Count != errors.Count)
        {
            throw new ArgumentException($"{steps.Count} steps but {errors.Count} errors.", nameof(errors));
        }

        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i] <= steps[i - 1])
            {
                throw new ArgumentException(
                    $"Steps must be strictly increasing; step {steps[i]} at position {i} follows {steps[i - 1]}.",
                    nameof(steps));
            }
        }

        long? convergedAt = null;
        for (var i = 0; i < errors.Count; i++)
        {
            if (errors[i] < epsilon)
            {
                convergedAt = steps[i];
                break;
            }
        }

        long? stableFrom = null;
        for (var i = errors.Count - 1; i >= 0 && errors[i] < epsilon; i--)
        {
            stableFrom = steps[i];
        }

        return new PeakConvergence(convergedAt, stableFrom);
    }
}
