namespace FreqScope.Spectral;

/// <summary>Principal components of a data set, from <see cref="Pca.Compute"/>.</summary>
/// <param name="Mean">The sample mean μ, length d.</param>
/// <param name="Components">
/// The leading principal directions, each a unit vector of length d, sorted by decreasing variance; the sign of each
/// is fixed so that its largest-magnitude coordinate (the first such on a tie) is positive.
/// </param>
/// <param name="Variances">
/// The variance of the data along each component: the eigenvalue of the sample covariance
/// (1/(n−1)) Σ (x_i − μ)(x_i − μ)ᵀ, same order as <paramref name="Components"/>.
/// </param>
/// <param name="TotalVariance">The trace of that covariance (the sum of all d eigenvalues); Variances[i] / TotalVariance is the share a component explains.</param>
public sealed record PcaResult(double[] Mean, double[][] Components, double[] Variances, double TotalVariance);
