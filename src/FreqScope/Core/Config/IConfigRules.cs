namespace FreqScope.Core.Config;

/// <summary>
/// A config record with rules that its key attributes cannot state (a key required for one kind of target, a value
/// that must exceed another, a list without repeats). <see cref="ConfigReader"/> calls <see cref="Check"/> once the
/// whole document is read, innermost records first, on each record that the document spells out.
/// </summary>
public interface IConfigRules
{
    /// <summary>Throws a <see cref="ConfigException"/> (through <paramref name="node"/>, this record's JSON) when a rule fails.</summary>
    void Check(ConfigNode node);
}
