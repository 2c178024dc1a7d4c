using System.Globalization;

namespace FreqScope.Core.Config;

/// <summary>
/// The values a number key allows (for a list, each item): [<see cref="Min"/>, <see cref="Max"/>], either end
/// exclusive. A value outside is refused with <c>"{value} is out of range; expected {text}"</c>, the text being
/// <see cref="Expected"/> when given, else made from the range (<c>an integer between 2 and 10000000</c>,
/// <c>a number &gt; 0</c>, <c>a number in [0, 1)</c>) followed by <see cref="Note"/>. The JSON Schema gets the same
/// bounds as minimum/maximum.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeAttribute : Attribute
{
    /// <summary>Values ≥ <paramref name="min"/> (or &gt; with <see cref="MinExclusive"/>).</summary>
    public RangeAttribute(double min) : this(min, double.PositiveInfinity)
    {
    }

    /// <summary>Values in [<paramref name="min"/>, <paramref name="max"/>] (either end exclusive by the flags).</summary>
    public RangeAttribute(double min, double max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>The lower end.</summary>
    public double Min { get; }

    /// <summary>The upper end (+∞ for none).</summary>
    public double Max { get; }

    /// <summary>Whether <see cref="Min"/> itself is refused.</summary>
    public bool MinExclusive { get; set; }

    /// <summary>Whether <see cref="Max"/> itself is refused.</summary>
    public bool MaxExclusive { get; set; }

    /// <summary>The whole "expected" text, in place of the one made from the range.</summary>
    public string? Expected { get; set; }

    /// <summary>Text appended to the generated "expected" text, e.g. <c>" (cycles per unit of x)"</c> or <c>", or null for full batch"</c>.</summary>
    public string? Note { get; set; }

    /// <summary>Whether <paramref name="value"/> is allowed.</summary>
    public bool Contains(double value) =>
        (MinExclusive ? value > Min : value >= Min) && (MaxExclusive ? value < Max : value <= Max);

    /// <summary>What the range allows, in words, for an integer key or a number key.</summary>
    public string Describe(bool integer)
    {
        if (Expected is not null) return Expected;
        string text;
        if (integer)
        {
            text = double.IsPositiveInfinity(Max) ? $"an integer >= {F(Min)}" : $"an integer between {F(Min)} and {F(Max)}";
        }
        else if (double.IsPositiveInfinity(Max))
        {
            text = MinExclusive ? $"a number > {F(Min)}" : $"a number >= {F(Min)}";
        }
        else
        {
            text = $"a number in {(MinExclusive ? '(' : '[')}{F(Min)}, {F(Max)}{(MaxExclusive ? ')' : ']')}";
        }

        return text + Note;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
