using FreqScope.Core;

namespace FreqScope.Data;

/// <summary>Σ_k a_k·exp(−(x − c_k)² / (2 w_k²)).</summary>
public sealed class GaussianBumpsTarget : ITargetFunction
{
    /// <summary>Creates the sum of <paramref name="bumps"/> (at least one, each of width &gt; 0).</summary>
    public GaussianBumpsTarget(IReadOnlyList<GaussianBump> bumps)
    {
        ArgumentNullException.ThrowIfNull(bumps);
        if (bumps.Count == 0) throw new ArgumentException("A sum of Gaussian bumps needs at least one bump.", nameof(bumps));
        if (bumps.Any(b => !(b.Width > 0))) throw new ArgumentException("Every bump's width must be > 0.", nameof(bumps));
        Bumps = bumps.ToArray();
    }

    /// <summary>The bumps, as given.</summary>
    public IReadOnlyList<GaussianBump> Bumps { get; }

    /// <inheritdoc />
    public double Evaluate(double x)
    {
        double sum = 0;
        foreach (var b in Bumps)
        {
            var d = (x - b.Center) / b.Width;
            sum += b.Amplitude * Math.Exp(-0.5 * d * d);
        }

        return sum;
    }

    /// <inheritdoc />
    public string Describe() => string.Join(" + ", Bumps.Select(b =>
        $"{Formatting.Coefficient(b.Amplitude)}bump(center {Formatting.Short(b.Center)}, width {Formatting.Short(b.Width)})"));
}
