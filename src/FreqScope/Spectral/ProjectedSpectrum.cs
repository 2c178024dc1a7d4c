using System.Numerics;

namespace FreqScope.Spectral;

/// <summary>
/// Norms and relative errors of vector-valued spectra laid out as <see cref="NonUniformDft.Forward"/> returns them:
/// frequency-major, <c>spectrum[j·m + c]</c> = ŷ_c(k_j) for K frequencies and m components.
/// </summary>
/// <remarks>
/// <para>
/// With all components, the magnitude at a frequency is the Euclidean norm over components,
/// <c>‖ŷ(k)‖ = sqrt(Σ_c |ŷ_c(k)|²)</c>, and the errors are
/// the complex form <c>Δ(k) = sqrt(Σ_c |ĥ_c(k) − ŷ_c(k)|²) / ‖ŷ(k)‖</c> (the paper's Δ_F for vector outputs) and
/// the magnitude form <c>|‖ĥ(k)‖ − ‖ŷ(k)‖| / ‖ŷ(k)‖</c>. With a single component index c these become
/// |ŷ_c(k)|, |ĥ_c − ŷ_c| / |ŷ_c| and ||ĥ_c| − |ŷ_c|| / |ŷ_c|, exactly <see cref="SpectralError"/>'s 1-D forms
/// (and so do the all-component forms when m = 1).
/// </para>
/// <para>
/// ĥ is the network, ŷ the target; both must come from the same transform at the same frequencies. Zero target
/// (‖ŷ(k)‖ = 0) follows <see cref="SpectralError"/>: +∞ when the numerator is &gt; 0, 0 when it is 0, NaN when NaN.
/// </para>
/// </remarks>
public static class ProjectedSpectrum
{
    /// <summary>The magnitude at each frequency: ‖ŷ(k_j)‖ over all components, or |ŷ_c(k_j)| for one component.</summary>
    /// <param name="spectrum">K·m coefficients, <c>spectrum[j·m + c]</c>.</param>
    /// <param name="components">m ≥ 1.</param>
    /// <param name="component">A single component index in [0, m), or null for the norm over all components.</param>
    /// <returns>K magnitudes, one per frequency.</returns>
    /// <exception cref="ArgumentException">The spectrum's length is not a multiple of m.</exception>
    /// <exception cref="ArgumentOutOfRangeException">m &lt; 1 or the component index is outside [0, m).</exception>
    public static double[] ComponentNorms(Complex[] spectrum, int components, int? component = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        var count = FrequencyCount(spectrum.Length, components, component, nameof(spectrum));
        var result = new double[count];
        for (var j = 0; j < count; j++)
        {
            result[j] = Norm(spectrum, j, components, component, null);
        }

        return result;
    }

    /// <summary>
    /// The complex form at each frequency: <c>sqrt(Σ_c |ĥ_c − ŷ_c|²) / ‖ŷ‖</c> (or <c>|ĥ_c − ŷ_c| / |ŷ_c|</c> for one
    /// component), which also penalises phase errors.
    /// </summary>
    /// <param name="output">The network's spectrum ĥ, K·m coefficients.</param>
    /// <param name="target">The target's spectrum ŷ, same length and layout.</param>
    /// <param name="components">m ≥ 1.</param>
    /// <param name="component">A single component index in [0, m), or null for all components.</param>
    /// <returns>K relative errors, one per frequency.</returns>
    /// <exception cref="ArgumentException">The spectra differ in length or their length is not a multiple of m.</exception>
    /// <exception cref="ArgumentOutOfRangeException">m &lt; 1 or the component index is outside [0, m).</exception>
    public static double[] ComplexErrors(Complex[] output, Complex[] target, int components, int? component = null)
    {
        var count = CheckPair(output, target, components, component);
        var result = new double[count];
        for (var j = 0; j < count; j++)
        {
            result[j] = SpectralError.Relative(
                Norm(output, j, components, component, target),
                Norm(target, j, components, component, null));
        }

        return result;
    }

    /// <summary>
    /// The magnitude form at each frequency: <c>|‖ĥ‖ − ‖ŷ‖| / ‖ŷ‖</c> (or <c>||ĥ_c| − |ŷ_c|| / |ŷ_c|</c> for one
    /// component), which ignores phase and is never larger than the complex form.
    /// </summary>
    /// <param name="output">The network's spectrum ĥ, K·m coefficients.</param>
    /// <param name="target">The target's spectrum ŷ, same length and layout.</param>
    /// <param name="components">m ≥ 1.</param>
    /// <param name="component">A single component index in [0, m), or null for all components.</param>
    /// <returns>K relative errors, one per frequency.</returns>
    /// <exception cref="ArgumentException">The spectra differ in length or their length is not a multiple of m.</exception>
    /// <exception cref="ArgumentOutOfRangeException">m &lt; 1 or the component index is outside [0, m).</exception>
    public static double[] MagnitudeErrors(Complex[] output, Complex[] target, int components, int? component = null)
    {
        var count = CheckPair(output, target, components, component);
        var result = new double[count];
        for (var j = 0; j < count; j++)
        {
            var targetNorm = Norm(target, j, components, component, null);
            result[j] = SpectralError.Relative(
                Math.Abs(Norm(output, j, components, component, null) - targetNorm), targetNorm);
        }

        return result;
    }

    /// <summary>
    /// ‖a(k_j) − b(k_j)‖ over the selected components (b null: ‖a(k_j)‖). A single coefficient uses
    /// <see cref="Complex.Magnitude"/>, so one component gives exactly <see cref="SpectralError"/>'s numbers.
    /// </summary>
    private static double Norm(Complex[] a, int j, int components, int? component, Complex[]? b)
    {
        if (component is not null || components == 1)
        {
            var index = (j * components) + (component ?? 0);
            return (b is null ? a[index] : a[index] - b[index]).Magnitude;
        }

        double sum = 0;
        for (var i = j * components; i < (j + 1) * components; i++)
        {
            var v = b is null ? a[i] : a[i] - b[i];
            sum += (v.Real * v.Real) + (v.Imaginary * v.Imaginary);
        }

        return Math.Sqrt(sum);
    }

    private static int CheckPair(Complex[] output, Complex[] target, int components, int? component)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (output.Length != target.Length)
        {
            throw new ArgumentException(
                $"output has {output.Length} coefficients but target has {target.Length}.", nameof(target));
        }

        return FrequencyCount(target.Length, components, component, nameof(target));
    }

    private static int FrequencyCount(int length, int components, int? component, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        if (component is int c && (c < 0 || c >= components))
        {
            throw new ArgumentOutOfRangeException(
                nameof(component), c, $"Component {c} is outside [0, {components}).");
        }

        if (length % components != 0)
        {
            throw new ArgumentException(
                $"{name} has {length} coefficients, not a multiple of {components} components.", name);
        }

        return length / components;
    }
}
