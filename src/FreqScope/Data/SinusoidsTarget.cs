using FreqScope.Core;

namespace FreqScope.Data;

/// <summary>
/// Σ_k A_k·sin(ω_k x + φ_k), where ω_k is the term's frequency (angular unit) or 2π times it (cycles unit).
/// </summary>
public sealed class SinusoidsTarget : ITargetFunction
{
    private readonly double[] _amplitudes;
    private readonly double[] _angular;
    private readonly double[] _phases;

    /// <summary>Creates the sum of <paramref name="terms"/> (at least one) with frequencies in <paramref name="unit"/>.</summary>
    public SinusoidsTarget(IReadOnlyList<SinusoidTerm> terms, FrequencyUnit unit)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) throw new ArgumentException("A sum of sinusoids needs at least one term.", nameof(terms));
        Terms = terms.ToArray();
        Unit = unit;
        _amplitudes = terms.Select(t => t.Amplitude).ToArray();
        _angular = terms.Select(t => unit == FrequencyUnit.Cycles ? 2 * Math.PI * t.Frequency : t.Frequency).ToArray();
        _phases = terms.Select(t => t.Phase).ToArray();
    }

    /// <summary>The terms, as given.</summary>
    public IReadOnlyList<SinusoidTerm> Terms { get; }

    /// <summary>Unit of the terms' frequencies.</summary>
    public FrequencyUnit Unit { get; }

    /// <inheritdoc />
    public double Evaluate(double x)
    {
        double sum = 0;
        for (var k = 0; k < _angular.Length; k++) sum += _amplitudes[k] * Math.Sin(_angular[k] * x + _phases[k]);
        return sum;
    }

    /// <inheritdoc />
    public string Describe()
    {
        var parts = Terms.Select(t =>
            Formatting.Coefficient(t.Amplitude) + "sin(" + Formatting.Argument(t.Frequency, Unit == FrequencyUnit.Cycles, t.Phase) + ")");
        return string.Join(" + ", parts);
    }
}
