using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;

namespace FreqScope.Core.Kinds;

/// <summary>
/// The typed base of an experiment kind: the config record <typeparamref name="TConfig"/> described by a
/// source-generated <see cref="JsonSerializerContext"/>, read with <see cref="ConfigReader"/> and written with
/// <see cref="ConfigJson"/>, and runs of it through <see cref="RunLoop"/> with summaries of type
/// <typeparamref name="TSummary"/>. A kind derives from it (<c>class MyKind : ExperimentKind&lt;MyKind, MyConfig,
/// MySummary&gt;</c>) and supplies what is its own; <see cref="Instance"/> is its one value.
/// </summary>
/// <typeparam name="TSelf">The kind itself.</typeparam>
/// <typeparam name="TConfig">The kind's config record.</typeparam>
/// <typeparam name="TSummary">The kind's summary.json record.</typeparam>
public abstract class ExperimentKind<TSelf, TConfig, TSummary> : IExperimentKind
    where TSelf : ExperimentKind<TSelf, TConfig, TSummary>, new()
    where TConfig : class, IExperimentConfig
    where TSummary : class
{
    /// <summary>A kind named <paramref name="name"/> whose config <paramref name="context"/> describes.</summary>
    protected ExperimentKind(string name, JsonSerializerContext context)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(context);
        Name = name;
        TypeInfo = (JsonTypeInfo<TConfig>)ConfigJson.Options(context).GetTypeInfo(typeof(TConfig));
    }

    /// <summary>The kind.</summary>
    public static TSelf Instance { get; } = new();

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Type ConfigType => typeof(TConfig);

    /// <summary>The config record's contract.</summary>
    public JsonTypeInfo<TConfig> TypeInfo { get; }

    JsonTypeInfo IExperimentKind.ConfigTypeInfo => TypeInfo;

    /// <inheritdoc/>
    public abstract IReadOnlyList<string> SweepMetrics { get; }

    /// <summary><c>--seed</c> and <c>--device</c>, which every kind has, and the kind's own (<see cref="OwnAliases"/>).</summary>
    public IReadOnlyList<CliAlias> Aliases => [CliAlias.For("--seed", "seed"), CliAlias.For("--device", "device"), .. OwnAliases];

    /// <summary>The kind's own command-line aliases; none by default.</summary>
    protected virtual IReadOnlyList<CliAlias> OwnAliases => [];

    /// <summary>An alias of this kind whose expansion reads the typed config (see <see cref="CliAlias"/>).</summary>
    protected CliAlias Alias(string option, string description, Func<string, TConfig, IReadOnlyList<ConfigOverride>> expand)
    {
        ArgumentNullException.ThrowIfNull(expand);
        return new(option, description, (value, config) => expand(value, Cast(config)));
    }

    /// <inheritdoc/>
    public virtual bool KeepsCheckpoints => true;

    /// <summary>Runs (or, with <see cref="RunOptions.Resume"/>, continues) <paramref name="config"/>; returns when it finishes, fails or is cancelled (after saving).</summary>
    public static RunResult<TSummary> Run(TConfig config, RunOptions options, CancellationToken cancellation = default)
    {
        var result = RunLoop.Run(Instance, config, options, cancellation);
        return new RunResult<TSummary>(result.RunDirectory, result.Status, result.StepsCompleted, result.EpochsCompleted, (TSummary?)result.Summary)
        {
            ReportError = result.ReportError,
        };
    }

    /// <summary>A much shorter version of <paramref name="config"/> that still exercises everything.</summary>
    public static TConfig Smoke(TConfig config) => Instance.Shrink(config ?? throw new ArgumentNullException(nameof(config)));

    /// <summary>Reads and validates a config of this kind at the document's root.</summary>
    public TConfig Read(ConfigNode root) => ConfigReader.Read(root, TypeInfo);

    /// <summary>The config as indented JSON with every value explicit.</summary>
    public string Write(TConfig config) => ConfigJson.Write(config, TypeInfo);

    /// <inheritdoc/>
    public string Schema() => ConfigSchema.Write(TypeInfo, $"FreqScope {Name} experiment config", Name);

    /// <summary>The smoke version of <paramref name="config"/>.</summary>
    protected abstract TConfig Shrink(TConfig config);

    /// <summary>The session of a run of <paramref name="config"/> (see <see cref="IExperimentKind.Open"/>).</summary>
    protected abstract IRunSession Open(TConfig config, RunContext context);

    /// <summary>The callbacks every run of <paramref name="config"/> has; none by default.</summary>
    protected virtual IReadOnlyList<IRunCallback> Callbacks(TConfig config) => [];

    /// <summary>The table columns a run of <paramref name="config"/> streams to TensorBoard; none by default.</summary>
    protected virtual IReadOnlyList<ScalarSeries> Scalars(TConfig config) => [];

    /// <inheritdoc/>
    public abstract ReportResult BuildReport(string runDir);

    /// <inheritdoc/>
    public abstract string Describe(RunProgress progress);

    /// <summary><c>epoch E (step N)</c> for a run counted in epochs, else <c>step N</c>.</summary>
    public virtual string Position(long stepsCompleted, int? epochsCompleted) =>
        epochsCompleted is int epochs ? $"epoch {epochs} (step {stepsCompleted})" : $"step {stepsCompleted}";

    /// <summary>The summary's verdict.</summary>
    public virtual IReadOnlyList<string> Outcome(object summary) => summary is IRunSummary s ? [s.Verdict] : [];

    IExperimentConfig IExperimentKind.Read(ConfigNode root) => Read(root);

    string IExperimentKind.Write(IExperimentConfig config) => Write(Cast(config));

    IExperimentConfig IExperimentKind.Smoke(IExperimentConfig config) => Shrink(Cast(config));

    IRunSession IExperimentKind.Open(IExperimentConfig config, RunContext context) => Open(Cast(config), context);

    IReadOnlyList<IRunCallback> IExperimentKind.Callbacks(IExperimentConfig config) => Callbacks(Cast(config));

    /// <inheritdoc/>
    IReadOnlyList<ScalarSeries> IExperimentKind.Scalars(IExperimentConfig config) => Scalars(Cast(config));

    IReadOnlyList<MemoryNeed> IExperimentKind.MemoryNeeds(IExperimentConfig config) => MemoryNeeds(Cast(config));

    /// <summary>
    /// The largest allocations a run of <paramref name="config"/> surely makes, for the memory preflight (see
    /// <see cref="IExperimentKind.MemoryNeeds"/>); none by default, which leaves the kind unchecked.
    /// </summary>
    protected virtual IReadOnlyList<MemoryNeed> MemoryNeeds(TConfig config) => [];

    /// <summary><paramref name="config"/> as this kind's record; an error for another kind's.</summary>
    protected TConfig Cast(IExperimentConfig config) =>
        config as TConfig ?? throw new ArgumentException($"a {config?.Experiment ?? "null"} config is not a {Name} config", nameof(config));
}
