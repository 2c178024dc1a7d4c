namespace FreqScope.Models;

/// <summary>The family of a <see cref="FrequencyDensity"/> (a distribution of angular frequencies, rad per unit of x).</summary>
public enum FrequencyDensityKind
{
    /// <summary>w ~ N(0, s²) per component.</summary>
    Gaussian,

    /// <summary>w ~ U[−K, K] per component.</summary>
    Uniform,

    /// <summary>Laplace with scale b: density e^{−|w|/b}/(2b) per component.</summary>
    Laplace,

    /// <summary>Density ∝ |w|^p on [−K, K], p &gt; 0: more weight on high frequencies.</summary>
    Increasing,

    /// <summary>A user table: a piecewise-linear density on |w|, mirrored to negative w.</summary>
    Table,
}
