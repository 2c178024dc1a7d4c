using System.Text.Json.Serialization.Metadata;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;

namespace FreqScope.Core.Kinds;

/// <summary>
/// One experiment kind as a value: its name, its config record (read, validated and written through the record's
/// contract), its smoke settings, the session a run of it needs, its report, the metrics a sweep tabulates and how
/// its progress reads. <see cref="ExperimentRegistry"/> lists the kinds; everything that handles runs of any kind
/// (the command line, sweeps, reports) asks it rather than naming kinds.
/// </summary>
public interface IExperimentKind
{
    /// <summary>The kind's name, the value of a config's <c>experiment</c> key (e.g. <c>fit1d</c>).</summary>
    string Name { get; }

    /// <summary>The kind's config record type.</summary>
    Type ConfigType { get; }

    /// <summary>The config record's contract (for the JSON Schema and the reader).</summary>
    JsonTypeInfo ConfigTypeInfo { get; }

    /// <summary>
    /// The summary.json values a sweep tabulates for each member, as dotted paths (an index <c>[n]</c> picks an array
    /// item); the first is the one a progress line shows.
    /// </summary>
    IReadOnlyList<string> SweepMetrics { get; }

    /// <summary>
    /// The command-line options that are short forms of overrides for this kind (<c>--seed</c>, <c>--device</c>, and
    /// what the kind adds: <c>--steps</c>, <c>--epochs</c>, <c>--data</c>).
    /// </summary>
    IReadOnlyList<CliAlias> Aliases { get; }

    /// <summary>Whether runs of this kind keep checkpoints (a kind that does not runs again from step 0 on resume).</summary>
    bool KeepsCheckpoints { get; }

    /// <summary>Reads and validates a config of this kind at the document's root.</summary>
    /// <exception cref="ConfigException">The config breaks a rule.</exception>
    IExperimentConfig Read(ConfigNode root);

    /// <summary>The config as indented JSON with every value explicit; reading it back gives an equal config.</summary>
    string Write(IExperimentConfig config);

    /// <summary>The JSON Schema of the kind's config (<see cref="ConfigSchema"/>), as indented JSON.</summary>
    string Schema();

    /// <summary>A much shorter version of <paramref name="config"/> that still exercises everything (<c>--smoke</c>).</summary>
    IExperimentConfig Smoke(IExperimentConfig config);

    /// <summary>
    /// Prepares a run of <paramref name="config"/> (the preflight): checks what the config alone cannot tell (files,
    /// datasets, the device), loads the data and builds the network, writing nothing yet.
    /// </summary>
    IRunSession Open(IExperimentConfig config, RunContext context);

    /// <summary>
    /// The largest allocations a run of <paramref name="config"/> surely makes (lower-bound estimates, each naming the
    /// key that sizes it), which <see cref="MemoryPreflight"/> checks against the machine before the run folder is
    /// made. Empty for a kind that estimates none.
    /// </summary>
    IReadOnlyList<MemoryNeed> MemoryNeeds(IExperimentConfig config);

    /// <summary>The callbacks a run of <paramref name="config"/> always has (stopping at a loss, say).</summary>
    IReadOnlyList<IRunCallback> Callbacks(IExperimentConfig config);

    /// <summary>The table columns a run of <paramref name="config"/> streams to TensorBoard (<see cref="TensorBoardCallback"/>); empty for none.</summary>
    IReadOnlyList<ScalarSeries> Scalars(IExperimentConfig config);

    /// <summary>Rebuilds <c>plots/</c> and <c>report.html</c> of a run folder of this kind from its data files.</summary>
    ReportResult BuildReport(string runDir);

    /// <summary>One line of progress, as the command line and the sweep lines show it.</summary>
    string Describe(RunProgress progress);

    /// <summary>Where a run stopped, as the command line says it (<c>step 120</c>, <c>epoch 3 (step 180)</c>).</summary>
    string Position(long stepsCompleted, int? epochsCompleted);

    /// <summary>What the command line prints of a finished run's summary: its verdict, and what else the kind finds worth a line.</summary>
    IReadOnlyList<string> Outcome(object summary);
}
