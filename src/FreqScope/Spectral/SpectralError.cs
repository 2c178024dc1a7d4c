namespace FreqScope.Spectral;

/// <summary>
/// Relative error of the network's DFT coefficient ĥ_k (output) against the target's ŷ_k at chosen frequencies.
/// </summary>
/// <remarks>
/// Two definitions are offered. <see cref="Complex(System.Numerics.Complex, System.Numerics.Complex)"/> is the paper's
/// Δ_F(k) = |ĥ_k − ŷ_k| / |ŷ_k|, which also penalises a phase error.
/// <see cref="Magnitude(System.Numerics.Complex, System.Numerics.Complex)"/> is ||ĥ_k| − |ŷ_k|| / |ŷ_k|, which is what the
/// authors' public code computes; it ignores phase and is never larger than the complex error.
/// Zero target (|ŷ| = 0): the relative error is +∞ when the numerator is &gt; 0, 0 when it is 0, and NaN when it is NaN.
/// Both coefficients must come from the same transform convention (see <see cref="Dft"/>); the ratio does not depend on it.
/// </remarks>
public static class SpectralError
{
    /// <summary>The paper's Δ_F: <c>|ĥ − ŷ| / |ŷ|</c>.</summary>
    /// <param name="output">The network's coefficient ĥ.</param>
    /// <param name="target">The target's coefficient ŷ.</param>
    /// <returns>The relative error; for |ŷ| = 0, +∞ if |ĥ − ŷ| &gt; 0, else 0.</returns>
    public static double Complex(System.Numerics.Complex output, System.Numerics.Complex target) =>
        Relative((output - target).Magnitude, target.Magnitude);

    /// <summary>The magnitude-only error of the authors' code: <c>||ĥ| − |ŷ|| / |ŷ|</c>.</summary>
    /// <param name="output">The network's coefficient ĥ.</param>
    /// <param name="target">The target's coefficient ŷ.</param>
    /// <returns>The relative error; for |ŷ| = 0, +∞ if |ĥ| &gt; 0, else 0.</returns>
    public static double Magnitude(System.Numerics.Complex output, System.Numerics.Complex target) =>
        Relative(Math.Abs(output.Magnitude - target.Magnitude), target.Magnitude);

    /// <summary>
    /// <see cref="Complex(System.Numerics.Complex, System.Numerics.Complex)"/> at each index:
    /// result[i] = Δ_F(output[indices[i]], target[indices[i]]).
    /// </summary>
    /// <param name="output">The network's DFT coefficients.</param>
    /// <param name="target">The target's DFT coefficients, same length as <paramref name="output"/>.</param>
    /// <param name="indices">DFT indices to evaluate (e.g. peaks from <see cref="PeakFinder"/>).</param>
    /// <returns>One error per index, in the order of <paramref name="indices"/>.</returns>
    /// <exception cref="ArgumentException">The spectra differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the spectra.</exception>
    public static double[] Complex(
        ReadOnlySpan<System.Numerics.Complex> output,
        ReadOnlySpan<System.Numerics.Complex> target,
        ReadOnlySpan<int> indices)
    {
        return AtIndices(output, target, indices, Complex);
    }

    /// <summary>
    /// <see cref="Magnitude(System.Numerics.Complex, System.Numerics.Complex)"/> at each index:
    /// result[i] = ||output[indices[i]]| − |target[indices[i]]|| / |target[indices[i]]|.
    /// </summary>
    /// <param name="output">The network's DFT coefficients.</param>
    /// <param name="target">The target's DFT coefficients, same length as <paramref name="output"/>.</param>
    /// <param name="indices">DFT indices to evaluate (e.g. peaks from <see cref="PeakFinder"/>).</param>
    /// <returns>One error per index, in the order of <paramref name="indices"/>.</returns>
    /// <exception cref="ArgumentException">The spectra differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the spectra.</exception>
    public static double[] Magnitude(
        ReadOnlySpan<System.Numerics.Complex> output,
        ReadOnlySpan<System.Numerics.Complex> target,
        ReadOnlySpan<int> indices)
    {
        return AtIndices(output, target, indices, Magnitude);
    }

    private static double[] AtIndices(
        ReadOnlySpan<System.Numerics.Complex> output,
        ReadOnlySpan<System.Numerics.Complex> target,
        ReadOnlySpan<int> indices,
        Func<System.Numerics.Complex, System.Numerics.Complex, double> error)
    {
        CheckLengths(output.Length, target.Length, indices);
        var result = new double[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = error(output[indices[i]], target[indices[i]]);
        }

        return result;
    }

    /// <summary>numerator / denominator, with the zero-target convention of this class (+∞, 0 or NaN).</summary>
    internal static double Relative(double numerator, double denominator)
    {
        if (denominator == 0)
        {
            return numerator > 0 ? double.PositiveInfinity : numerator == 0 ? 0 : double.NaN;
        }

        return numerator / denominator;
    }

    private static void CheckLengths(int outputLength, int targetLength, ReadOnlySpan<int> indices)
    {
        if (outputLength != targetLength)
        {
            throw new ArgumentException(
                $"output has {outputLength} coefficients but target has {targetLength}.", "target");
        }

        foreach (var k in indices)
        {
            if (k < 0 || k >= outputLength)
            {
                throw new ArgumentOutOfRangeException(
                    "indices", k, $"Index {k} is outside the spectra of length {outputLength}.");
            }
        }
    }
}
