namespace FreqScope.Bench;

/// <summary>
/// Sizes of the filtering bench case; the defaults are MNIST's training set (60 000 × 784, 10 classes).
/// <paramref name="Delta"/> is the kernel's variance; <paramref name="BlockRows"/> 0 lets <see cref="FreqScope.Spectral.GaussianFilter"/> choose.
/// </summary>
public sealed record FilterBenchOptions(int N = 60000, int D = 784, int M = 10, double Delta = 10, int BlockRows = 0);
