using System.Globalization;
using FreqScope.Core.Config;

namespace FreqScope.Core.Kinds;

/// <summary>The expansion of a <c>--steps</c>-like alias that also caps cadences at the new step count.</summary>
public static class StepsAlias
{
    /// <summary>
    /// <paramref name="path"/> set to <paramref name="value"/>, and each of <paramref name="capped"/> (a path and its
    /// current value) lowered to the new count when it exceeds it, so that a shorter run still probes.
    /// </summary>
    public static IReadOnlyList<ConfigOverride> Expand(string option, string value, string path, params (string Path, long Current)[] capped)
    {
        ArgumentNullException.ThrowIfNull(capped);
        var label = $"{option} {value}";
        var result = new List<ConfigOverride> { new(path, value, label) };
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long steps) && steps >= 1)
        {
            foreach (var (p, current) in capped)
                if (current > steps) result.Add(new ConfigOverride(p, steps.ToString(CultureInfo.InvariantCulture), label));
        }

        return result;
    }
}
