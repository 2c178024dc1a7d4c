using System.Text.Json.Serialization;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>An interval [<see cref="Min"/>, <see cref="Max"/>] with Min &lt; Max; in a config, the two-number array <c>[min, max]</c>.</summary>
[JsonConverter(typeof(IntervalJsonConverter))]
public readonly record struct Interval(double Min, double Max)
{
    /// <summary>Max − Min.</summary>
    public double Length => Max - Min;
}
