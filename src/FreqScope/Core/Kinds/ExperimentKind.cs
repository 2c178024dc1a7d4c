using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FreqScope.Core.Config;

namespace FreqScope.Core.Kinds;

/// <summary>
/// The typed base of an experiment kind: the config record <typeparamref name="TConfig"/> described by a
/// source-generated <see cref="JsonSerializerContext"/>, read with <see cref="ConfigReader"/> and written with
/// <see cref="ConfigJson"/>. A kind derives from it and supplies what is its own.
/// </summary>
/// <typeparam name="TConfig">The kind's config record.</typeparam>
public abstract class ExperimentKind<TConfig> : IExperimentKind where TConfig : class, IExperimentConfig
{
    /// <summary>A kind named <paramref name="name"/> whose config <paramref name="context"/> describes.</summary>
    protected ExperimentKind(string name, JsonSerializerContext context)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(context);
        Name = name;
        TypeInfo = (JsonTypeInfo<TConfig>)ConfigJson.Options(context).GetTypeInfo(typeof(TConfig));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Type ConfigType => typeof(TConfig);

    /// <summary>The config record's contract.</summary>
    public JsonTypeInfo<TConfig> TypeInfo { get; }

    JsonTypeInfo IExperimentKind.ConfigTypeInfo => TypeInfo;

    /// <summary>Reads and validates a config of this kind at the document's root.</summary>
    public TConfig Read(ConfigNode root) => ConfigReader.Read(root, TypeInfo);

    /// <summary>The config as indented JSON with every value explicit.</summary>
    public string Write(TConfig config) => ConfigJson.Write(config, TypeInfo);

    /// <summary>A much shorter version of <paramref name="config"/> that still exercises everything.</summary>
    public abstract TConfig Smoke(TConfig config);

    IExperimentConfig IExperimentKind.Read(ConfigNode root) => Read(root);

    string IExperimentKind.Write(IExperimentConfig config) => Write(Cast(config));

    IExperimentConfig IExperimentKind.Smoke(IExperimentConfig config) => Smoke(Cast(config));

    /// <summary><paramref name="config"/> as this kind's record; an error for another kind's.</summary>
    protected TConfig Cast(IExperimentConfig config) =>
        config as TConfig ?? throw new ArgumentException($"a {config?.Experiment ?? "null"} config is not a {Name} config", nameof(config));
}
