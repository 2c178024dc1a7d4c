using System.Text.Json.Serialization.Metadata;
using FreqScope.Core.Config;

namespace FreqScope.Core.Kinds;

/// <summary>
/// One experiment kind as a value: its name, its config record (read, validated and written through the record's
/// contract), its smoke settings. <see cref="ExperimentRegistry"/> lists the kinds; everything that handles configs
/// of any kind (the command line, sweeps, reports) asks it rather than naming kinds.
/// </summary>
public interface IExperimentKind
{
    /// <summary>The kind's name, the value of a config's <c>experiment</c> key (e.g. <c>fit1d</c>).</summary>
    string Name { get; }

    /// <summary>The kind's config record type.</summary>
    Type ConfigType { get; }

    /// <summary>The config record's contract (for the JSON Schema and the reader).</summary>
    JsonTypeInfo ConfigTypeInfo { get; }

    /// <summary>Reads and validates a config of this kind at the document's root.</summary>
    /// <exception cref="ConfigException">The config breaks a rule.</exception>
    IExperimentConfig Read(ConfigNode root);

    /// <summary>The config as indented JSON with every value explicit; reading it back gives an equal config.</summary>
    string Write(IExperimentConfig config);

    /// <summary>A much shorter version of <paramref name="config"/> that still exercises everything (<c>--smoke</c>).</summary>
    IExperimentConfig Smoke(IExperimentConfig config);
}
