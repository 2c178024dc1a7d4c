namespace FreqScope.Core.Config;

/// <summary>
/// How many items a list key allows; a list of another length is refused with
/// <c>"{list} is out of range; expected {Expected}"</c>. The JSON Schema gets minItems/maxItems.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CountAttribute(int min, int max, string expected) : Attribute
{
    /// <summary>At least <paramref name="min"/> items.</summary>
    public CountAttribute(int min, string expected) : this(min, int.MaxValue, expected)
    {
    }

    /// <summary>The fewest items.</summary>
    public int Min { get; } = min;

    /// <summary>The most items.</summary>
    public int Max { get; } = max;

    /// <summary>The "expected" text of the message, e.g. <c>1 to 64 layer widths</c>.</summary>
    public string Expected { get; } = expected;
}
