namespace FreqScope.Core.Config;

/// <summary>
/// The order in which an unknown-key message lists a record's keys, where it differs from the order they are
/// written in (the written order is the declaration order).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ListedKeyOrderAttribute(params string[] keys) : Attribute
{
    /// <summary>The JSON names of the keys in listing order.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}
