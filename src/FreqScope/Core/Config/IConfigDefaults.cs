namespace FreqScope.Core.Config;

/// <summary>
/// The root record of a config whose defaults depend on other values (the evaluation grid defaults to the training
/// grid; a probe interval defaults to at most the steps). <see cref="ConfigReader"/> calls it last, after every
/// <see cref="IConfigRules.Check"/>, with the document's root; it returns the record with those defaults filled in
/// and may refuse values whose rule needs them.
/// </summary>
/// <typeparam name="TSelf">The record type.</typeparam>
public interface IConfigDefaults<out TSelf>
{
    /// <summary>This record with the derived defaults of the keys <paramref name="root"/> leaves out.</summary>
    TSelf WithDerivedDefaults(ConfigNode root);
}
