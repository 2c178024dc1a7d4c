using System.Globalization;

namespace FreqScope.Spectral;

/// <summary>Frequency grids for the non-uniform transform of <see cref="NonUniformDft"/>.</summary>
public static class FrequencyGrid
{
    /// <summary>
    /// <paramref name="count"/> frequencies evenly spaced from 0 to <paramref name="max"/>, both included
    /// (<c>k_j = max · j / (count − 1)</c>), in cycles per unit of t, for the spectrum of labels along a projection
    /// t_i = p·x_i.
    /// </summary>
    /// <remarks>
    /// The default maximum is <c>1/σ_t</c>, σ_t the population standard deviation of t
    /// (<c>sqrt((1/n) Σ (t_i − t̄)²)</c>). The label function seen along a direction varies on the length scale of the
    /// data's spread σ_t, so its spectrum decays on the scale 1/σ_t; above it, what remains of
    /// <c>(1/n) Σ y_i e^{−2πi k t_i}</c> is the sampling noise of n random phases, of size ~|y|/√n, which says
    /// nothing about the function. Constant labels on a Gaussian cloud, for example, have |ŷ(k)| ∝ e^{−2π²σ_t²k²}, already e^{−2π²} ≈ 3·10⁻⁹
    /// of its peak at k = 1/σ_t.
    /// </remarks>
    /// <param name="t">Sample positions (e.g. <see cref="ProjectionDirection.Project"/>); finite and not all equal.</param>
    /// <param name="count">Number of frequencies, ≥ 2.</param>
    /// <param name="max">Largest frequency, finite and &gt; 0; null for 1/σ_t.</param>
    /// <returns>The grid, increasing, first 0, last exactly the maximum.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 2 or <paramref name="max"/> not finite and positive.</exception>
    /// <exception cref="ArgumentException">No max is given and t is empty, not finite, or has zero spread.</exception>
    public static double[] ForProjection(ReadOnlySpan<double> t, int count, double? max = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        double top;
        if (max is double given)
        {
            if (!(given > 0) || !double.IsFinite(given))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(max), given, "The largest frequency must be finite and positive.");
            }

            top = given;
        }
        else
        {
            var sigma = PopulationStandardDeviation(t);
            if (!(sigma > 0) || !double.IsFinite(sigma))
            {
                throw new ArgumentException(
                    $"The default largest frequency is 1/σ_t, but t has σ_t = {sigma.ToString(CultureInfo.InvariantCulture)} over {t.Length} samples; "
                    + "t must be finite and not all equal (or pass max).",
                    nameof(t));
            }

            top = 1.0 / sigma;
        }

        var grid = new double[count];
        for (var j = 0; j < count - 1; j++)
        {
            grid[j] = top * j / (count - 1);
        }

        grid[count - 1] = top;
        return grid;
    }

    /// <summary>sqrt((1/n) Σ (t_i − t̄)²), two-pass; NaN for no samples.</summary>
    private static double PopulationStandardDeviation(ReadOnlySpan<double> t)
    {
        if (t.IsEmpty)
        {
            return double.NaN;
        }

        double mean = 0;
        foreach (var v in t)
        {
            mean += v;
        }

        mean /= t.Length;
        double sum = 0;
        foreach (var v in t)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / t.Length);
    }
}
