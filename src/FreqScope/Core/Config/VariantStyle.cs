namespace FreqScope.Core.Config;

/// <summary>How a record with variants (<see cref="VariantsAttribute"/>) refuses a key of another variant.</summary>
public enum VariantStyle
{
    /// <summary>
    /// Every key of every variant is known; the discriminator is read after the unknown-key check, and a key of
    /// another variant is refused with <c>applies to kind "a" and "b", not "c"</c>.
    /// </summary>
    AppliesTo,

    /// <summary>
    /// The discriminator is read first (required), and the keys of other variants are unknown keys: the message
    /// lists the keys of the variant given.
    /// </summary>
    UnknownKey,
}
