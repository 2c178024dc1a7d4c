namespace FreqScope.Core.Config;

/// <summary>Why a required key is needed, added to its message: <c>required key is missing ({Why})</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MissingAttribute(string why) : Attribute
{
    /// <summary>The reason, e.g. <c>at least one of filtering and projection</c>.</summary>
    public string Why { get; } = why;
}
