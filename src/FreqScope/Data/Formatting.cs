using System.Globalization;

namespace FreqScope.Data;

/// <summary>Number formatting for <see cref="ITargetFunction.Describe"/> and messages.</summary>
internal static class Formatting
{
    /// <summary>Up to 6 significant digits, invariant culture.</summary>
    public static string Short(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Round-trip formatting, invariant culture.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>"A·" unless A is 1 ("" ) or −1 ("−").</summary>
    public static string Coefficient(double amplitude) => amplitude switch
    {
        1 => "",
        -1 => "-",
        _ => Short(amplitude) + "·",
    };

    /// <summary>The argument of a periodic function: "3x", "2π·5x + 0.3", "x".</summary>
    public static string Argument(double frequency, bool cycles, double phase)
    {
        var scale = cycles ? "2π·" + Short(frequency) : frequency == 1 ? "" : Short(frequency);
        var text = scale + "x";
        if (phase > 0) text += " + " + Short(phase);
        else if (phase < 0) text += " - " + Short(-phase);
        return text;
    }
}
