using FreqScope.Data;
using FreqScope.Spectral;

namespace FreqScope.Models;

/// <summary>
/// Standard normal draws from <see cref="SplitMix64"/> by Box–Muller, both outputs of each pair used in turn, so the
/// numbers are the same on every machine, device and .NET version.
/// </summary>
internal static class NormalDraws
{
    /// <summary>Fills <paramref name="destination"/> with i.i.d. N(0, <paramref name="std"/>²) values.</summary>
    public static void Fill(Span<double> destination, SplitMix64 random, double std)
    {
        for (var i = 0; i < destination.Length; i += 2)
        {
            // u1 in (0, 1] keeps the logarithm finite.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1));
            var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
            destination[i] = std * r * cos;
            if (i + 1 < destination.Length)
            {
                destination[i + 1] = std * r * sin;
            }
        }
    }

    /// <summary>A new array of <paramref name="count"/> i.i.d. N(0, <paramref name="std"/>²) values.</summary>
    public static double[] Draw(int count, SplitMix64 random, double std)
    {
        var values = new double[count];
        Fill(values, random, std);
        return values;
    }
}
