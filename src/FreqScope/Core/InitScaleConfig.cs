using System.Text.Json.Serialization;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>A standard deviation given as σ = m^(−t) (<c>{"m": 200, "t": 0.5}</c> is 200^(−1/2)), both required.</summary>
/// <param name="M">The base m (&gt; 0).</param>
/// <param name="T">The exponent t.</param>
public sealed record InitScaleConfig([property: JsonRequired, Range(0, MinExclusive = true)] double M = 1, [property: JsonRequired] double T = 0)
{
    /// <summary>σ = m^(−t).</summary>
    public double Std => Math.Pow(M, -T);
}
