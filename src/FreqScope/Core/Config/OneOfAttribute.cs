using System.Reflection;

namespace FreqScope.Core.Config;

/// <summary>
/// A string key that takes one of a fixed set of values, listed here or read from a static property
/// (<c>OneOf(typeof(DatasetCatalog), nameof(DatasetCatalog.Names))</c>); another value is refused with
/// <c>"{value}" is not allowed; expected one of a, b, c</c>. The JSON Schema gets them as its enum.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute : Attribute
{
    private readonly Type? _source;
    private readonly string? _member;
    private readonly string[] _values = [];

    /// <summary>The values, in the order messages list them.</summary>
    public OneOfAttribute(params string[] values) => _values = values;

    /// <summary>The values are the static <c>IReadOnlyList&lt;string&gt;</c> property <paramref name="member"/> of <paramref name="source"/>.</summary>
    public OneOfAttribute(Type source, string member)
    {
        _source = source;
        _member = member;
    }

    /// <summary>The allowed values.</summary>
    public IReadOnlyList<string> Values => _source is null
        ? _values
        : (IReadOnlyList<string>)(_source.GetProperty(_member!, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException($"{_source.Name}.{_member} is not a static list of strings"));
}
