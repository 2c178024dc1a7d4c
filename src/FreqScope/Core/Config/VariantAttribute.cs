namespace FreqScope.Core.Config;

/// <summary>
/// A key of a record with variants (<see cref="VariantsAttribute"/>) that exists only for the discriminator values
/// listed (their JSON names): read, allowed and written for those alone, and required for them when
/// <see cref="Required"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class VariantAttribute(params string[] values) : Attribute
{
    /// <summary>The discriminator values (JSON names) the key belongs to.</summary>
    public IReadOnlyList<string> Values { get; } = values;

    /// <summary>Whether the key must be given for those values.</summary>
    public bool Required { get; set; }

    /// <summary>Text appended to the "applies to" message, e.g. <c>" (a PGM has its own size)"</c>.</summary>
    public string? Note { get; set; }
}
