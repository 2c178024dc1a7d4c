using System.Text.Json;
using FreqScope.Core.Config;

namespace FreqScope.Core.Kinds;

/// <summary>
/// The experiment kinds a program knows, and reading any config through them: the document's <c>experiment</c> key
/// picks the kind (absent: the first kind listed), which reads the rest. A config with a top-level <c>sweep</c> key
/// is refused here: it describes many configs.
/// </summary>
public sealed class ExperimentRegistry
{
    /// <summary>The top-level key that makes a config a sweep.</summary>
    public const string SweepKey = "sweep";

    private readonly List<IExperimentKind> _kinds;

    /// <summary>A registry of <paramref name="kinds"/>; the first is the default for configs that name none.</summary>
    public ExperimentRegistry(IEnumerable<IExperimentKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        _kinds = [.. kinds];
        if (_kinds.Count == 0) throw new ArgumentException("a registry needs at least one kind", nameof(kinds));
        var twice = _kinds.GroupBy(k => k.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"the kind \"{twice.Key}\" is listed twice", nameof(kinds));
    }

    /// <summary>The kinds, in the order error messages list them.</summary>
    public IReadOnlyList<IExperimentKind> Kinds => _kinds;

    /// <summary>The kinds' names, in order.</summary>
    public IReadOnlyList<string> Names => [.. _kinds.Select(k => k.Name)];

    /// <summary>The kind a config names none of.</summary>
    public IExperimentKind Default => _kinds[0];

    /// <summary>The same registry with <paramref name="kind"/> added at the end.</summary>
    public ExperimentRegistry With(IExperimentKind kind) => new([.. _kinds, kind]);

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public IExperimentKind? Find(string name) => _kinds.FirstOrDefault(k => k.Name == name);

    /// <summary>The kind of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">No kind of this registry reads that config type.</exception>
    public IExperimentKind Of(IExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return _kinds.FirstOrDefault(k => k.ConfigType == config.GetType())
            ?? throw new ArgumentException($"no experiment kind reads {config.GetType().Name}", nameof(config));
    }

    /// <summary>Reads and validates a config of any kind; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, the config is a sweep, or it breaks a rule.</exception>
    public IExperimentConfig Parse(string json, string source)
    {
        using var document = ConfigNode.Parse(json, source);
        return Read(ConfigNode.Root(source, document.RootElement));
    }

    /// <summary>Reads and validates the config file at <paramref name="path"/>, of any kind.</summary>
    /// <exception cref="ConfigException">The file is missing or unreadable, or its config is invalid.</exception>
    public IExperimentConfig LoadFile(string path) => Parse(ConfigNode.ReadFile(path), path);

    /// <summary>
    /// Reads and validates a config with <paramref name="overrides"/> applied to its JSON first (every rule and
    /// message applies; messages name the source as <c>SOURCE (--set a.b=c)</c>).
    /// </summary>
    /// <exception cref="ConfigException">The JSON is malformed or the config is invalid.</exception>
    public IExperimentConfig Parse(string json, string source, IReadOnlyList<ConfigOverride> overrides) =>
        Parse(ConfigOverrides.Apply(json, source, overrides), ConfigOverrides.SourceOf(source, overrides));

    /// <summary><paramref name="config"/> with <paramref name="overrides"/> applied (written, overridden, read again); <paramref name="source"/> names it in messages.</summary>
    public IExperimentConfig Override(IExperimentConfig config, IReadOnlyList<ConfigOverride> overrides, string source) =>
        overrides.Count == 0 ? config : Parse(Write(config), source, overrides);

    /// <summary>
    /// Reads a config from its JSON with <paramref name="sets"/> (<c>--set a.b=c</c>) applied, then the command-line
    /// <paramref name="aliases"/> (option and value, e.g. <c>--steps</c>, <c>200</c>) of its kind expanded against that
    /// config and applied after them; returns the config and every override applied, in order.
    /// </summary>
    /// <exception cref="ConfigException">The JSON is malformed or the config is invalid.</exception>
    /// <exception cref="ArgumentException">An alias does not apply to the config's kind or refuses its value.</exception>
    public (IExperimentConfig Config, IReadOnlyList<ConfigOverride> Overrides) Resolve(
        string json, string source, IReadOnlyList<ConfigOverride> sets, IReadOnlyList<KeyValuePair<string, string>> aliases)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var config = Parse(json, source, sets);
        var expanded = ExpandAliases(config, aliases);
        if (expanded.Count == 0) return (config, sets);
        IReadOnlyList<ConfigOverride> all = [.. sets, .. expanded];
        return (Parse(json, source, all), all);
    }

    /// <summary>The overrides that the command-line <paramref name="aliases"/> (option, value) stand for, for the kind of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The kind has no such alias (the message names the kinds that have one), or the alias refuses the value.</exception>
    public IReadOnlyList<ConfigOverride> ExpandAliases(IExperimentConfig config, IReadOnlyList<KeyValuePair<string, string>> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var kind = Of(config);
        var result = new List<ConfigOverride>();
        foreach (var (option, value) in aliases)
        {
            var alias = kind.Aliases.FirstOrDefault(a => a.Option == option);
            if (alias is null)
            {
                var takers = _kinds.Where(k => k.Aliases.Any(a => a.Option == option)).Select(k => k.Name).ToList();
                var own = kind.Aliases.Where(a => !_kinds.All(k => k.Aliases.Any(b => b.Option == a.Option))).ToList();
                var hint = own.Count == 0 ? "" : $" (it takes {string.Join(", ", own.Select(a => a.Option))})";
                throw new ArgumentException(takers.Count == 0
                    ? $"{option} applies to no experiment kind"
                    : $"{option} applies to {string.Join(", ", takers)} experiments; \"{config.Name}\" is {WithArticle(kind.Name)} experiment{hint}");
            }

            result.AddRange(alias.Expand(value, config));
        }

        return result;
    }

    /// <summary>"a fit1d", "an image-fit", "an ntk" (an initialism read letter by letter takes "an" when its first letter sounds a vowel).</summary>
    private static string WithArticle(string name)
    {
        bool vowel = "aeiou".Contains(name[0], StringComparison.Ordinal);
        bool spelled = name.Length >= 2 && !name.Take(3).Any(c => "aeiouy".Contains(c, StringComparison.Ordinal)) && "fhlmnrsx".Contains(name[0], StringComparison.Ordinal);
        return (vowel || spelled ? "an " : "a ") + name;
    }

    /// <summary>Reads and validates a config of any kind at a document's root.</summary>
    public IExperimentConfig Read(ConfigNode root) => KindOf(root).Read(root);

    /// <summary>The kind a config document names (its <c>experiment</c> key, checked), refusing sweeps.</summary>
    /// <exception cref="ConfigException">The document is not an object, is a sweep, or names an unknown kind.</exception>
    public IExperimentKind KindOf(ConfigNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.Element.ValueKind != JsonValueKind.Object) throw root.WrongType("an object");
        // Checked before the keys, so that a sweep gets this message rather than "unknown key".
        if (root.Optional(SweepKey) is not null)
            throw root.Error(SweepKey, "this config is a sweep; run it with freqscope sweep (or expand it with SweepSpec.Parse)");
        var name = root.Optional("experiment")?.GetChoice(Names) ?? Default.Name;
        return Find(name)!;
    }

    /// <summary>The config as indented JSON with every value explicit.</summary>
    public string Write(IExperimentConfig config) => Of(config).Write(config);
}
