namespace FreqScope.Tests.Spectral;

/// <summary>Equal within an absolute tolerance (or both the same non-finite value).</summary>
internal sealed class Tolerance(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => x.Equals(y) || Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}
