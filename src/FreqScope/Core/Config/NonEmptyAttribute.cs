namespace FreqScope.Core.Config;

/// <summary>A string key that must not be empty (nor, with <see cref="Blank"/>, white space only); refused with <c>"" is out of range; expected {Expected}</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NonEmptyAttribute(string expected) : Attribute
{
    /// <summary>The "expected" text, e.g. <c>a non-empty file path</c>.</summary>
    public string Expected { get; } = expected;

    /// <summary>Whether a string of white space only is refused too.</summary>
    public bool Blank { get; set; }

    /// <summary>Whether <paramref name="value"/> is allowed.</summary>
    public bool Allows(string value) => Blank ? !string.IsNullOrWhiteSpace(value) : value.Length > 0;
}
