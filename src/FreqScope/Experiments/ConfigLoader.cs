using FreqScope.Core;
using FreqScope.Core.Config;

namespace FreqScope.Experiments;

/// <summary>
/// Reads, validates and writes experiment configs of every built-in kind through <see cref="ExperimentKinds.Registry"/>
/// (camelCase keys; see <c>docs/config.md</c>). Every problem is a <see cref="ConfigException"/> naming the source and
/// the JSONPath of the offending value; unknown keys are errors. Comments and trailing commas are tolerated.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Logical name of the embedded default config (<c>experiments/fprinciple-1d.json</c>).</summary>
    public const string DefaultResourceName = "FreqScope.Defaults.fprinciple-1d.json";

    /// <summary>The experiment kinds a config file may name.</summary>
    public static IReadOnlyList<string> Experiments => ExperimentKinds.Registry.Names;

    /// <summary>Parses and validates a config of any kind (its <c>experiment</c> key; default <c>fit1d</c>).</summary>
    /// <exception cref="ConfigException">The JSON is malformed or the config is invalid.</exception>
    public static IExperimentConfig ParseAny(string json, string source) => ExperimentKinds.Registry.Parse(json, source);

    /// <summary>Reads and validates the config file at <paramref name="path"/>, of any kind.</summary>
    /// <exception cref="ConfigException">The file is missing or unreadable, the JSON is malformed or the config is invalid.</exception>
    public static IExperimentConfig LoadAnyFile(string path) => ExperimentKinds.Registry.LoadFile(path);

    /// <summary>The resolved config of any kind as indented JSON with every value explicit.</summary>
    public static string ToJsonAny(IExperimentConfig config) => ExperimentKinds.Registry.Write(config);

    /// <summary>Parses and validates a config of kind <typeparamref name="T"/>.</summary>
    /// <exception cref="ConfigException">The JSON is malformed, of another kind, or invalid.</exception>
    public static T Parse<T>(string json, string source) where T : class, IExperimentConfig =>
        ParseAny(json, source) is T config ? config : throw new ConfigException(source, "$.experiment", $"expected \"{KindName<T>()}\"");

    /// <summary>How messages name the embedded default config.</summary>
    public const string DefaultSource = "<default: fprinciple-1d.json>";

    /// <summary>The JSON text of the built-in default experiment (<c>experiments/fprinciple-1d.json</c>, embedded in the assembly).</summary>
    public static string DefaultJson()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResourceName} is missing from {typeof(ConfigLoader).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string KindName<T>() => ExperimentKinds.Registry.Kinds.First(k => k.ConfigType == typeof(T)).Name;
}
