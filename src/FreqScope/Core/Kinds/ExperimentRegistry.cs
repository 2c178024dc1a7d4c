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
