namespace FreqScope.Core.Config;

/// <summary>
/// A config record with rules that must hold before it can be built at all (its values go to types that refuse
/// bad values in their constructors, say). <see cref="ConfigReader"/> calls <see cref="CheckJson"/> while it walks
/// the document, right after the record's own keys, with the record's JSON; the checks read the values from it.
/// </summary>
public interface IConfigJsonRules
{
    /// <summary>Throws a <see cref="ConfigException"/> through <paramref name="node"/> when a rule fails.</summary>
    static abstract void CheckJson(ConfigNode node);
}
