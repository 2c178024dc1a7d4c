namespace FreqScope.Core.Config;

/// <summary>
/// A record whose keys depend on one of its keys, the discriminator (<c>kind</c> of an encoding, say): keys marked
/// <see cref="VariantAttribute"/> are read and written only for the discriminator values they name; the others
/// always. The discriminator is an enum (by its JSON names) or a string key.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VariantsAttribute(string discriminator) : Attribute
{
    /// <summary>The JSON name of the discriminating key.</summary>
    public string Discriminator { get; } = discriminator;

    /// <summary>How a key of another variant is refused.</summary>
    public VariantStyle Style { get; set; } = VariantStyle.AppliesTo;
}
