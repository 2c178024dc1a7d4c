using System.Numerics;
using Xunit;

namespace FreqScope.Tests.Spectral;

/// <summary>Independent O(n²) reference DFT with the library's convention X_k = (1/n) Σ_j x_j e^{−2πi jk/n}.</summary>
internal static class NaiveDft
{
    /// <summary>All n coefficients.</summary>
    public static Complex[] Forward(IReadOnlyList<Complex> x)
    {
        var result = new Complex[x.Count];
        for (var k = 0; k < x.Count; k++)
        {
            result[k] = Coefficient(x, k);
        }

        return result;
    }

    /// <summary>One coefficient X_k; the angle uses jk mod n so it stays exact for large n.</summary>
    public static Complex Coefficient(IReadOnlyList<Complex> x, int k)
    {
        var n = x.Count;
        double re = 0, im = 0;
        for (var j = 0; j < n; j++)
        {
            var r = (long)j * k % n;
            var (sin, cos) = Math.SinCos(-2.0 * Math.PI * r / n);
            var v = x[j];
            re += (v.Real * cos) - (v.Imaginary * sin);
            im += (v.Real * sin) + (v.Imaginary * cos);
        }

        return new Complex(re / n, im / n);
    }

    public static Complex[] ToComplex(double[] x) => Array.ConvertAll(x, v => new Complex(v, 0));

    public static double[] RandomReal(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = (2 * random.NextDouble()) - 1;
        }

        return x;
    }

    public static Complex[] RandomComplex(int n, int seed)
    {
        var random = new Random(seed);
        var x = new Complex[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = new Complex((2 * random.NextDouble()) - 1, (2 * random.NextDouble()) - 1);
        }

        return x;
    }

    /// <summary>max_k |a_k − b_k| / max_k |b_k| (b the reference).</summary>
    public static double RelativeMaxError(IReadOnlyList<Complex> actual, IReadOnlyList<Complex> expected)
    {
        Assert.Equal(expected.Count, actual.Count);
        double maxError = 0, maxMagnitude = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            maxError = Math.Max(maxError, (actual[i] - expected[i]).Magnitude);
            maxMagnitude = Math.Max(maxMagnitude, expected[i].Magnitude);
        }

        return maxMagnitude == 0 ? maxError : maxError / maxMagnitude;
    }
}
