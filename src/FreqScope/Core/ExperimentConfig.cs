using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>
/// The keys every experiment config starts with: <c>experiment</c> (the kind), <c>name</c>, <c>seed</c> and
/// <c>device</c>. Each kind's root config record derives from it.
/// </summary>
public abstract partial record ExperimentConfig : IExperimentConfig, IConfigRules
{
    /// <summary>A config of the kind <paramref name="experiment"/>, named after it until a name is given.</summary>
    protected ExperimentConfig(string experiment)
    {
        Experiment = experiment;
        Name = experiment;
    }

    /// <summary>The experiment kind, e.g. <c>"fit1d"</c>.</summary>
    [JsonPropertyOrder(-4)]
    public string Experiment { get; init; }

    /// <summary>The longest run name: a run folder is named NAME-TIMESTAMP, a sweep member NAME-000, and file names end at 255 bytes.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Run name: non-empty, at most 200 characters, only letters, digits, '.', '_' and '-' (not "." or ".."). Default: the kind.</summary>
    [JsonPropertyOrder(-3)]
    public string Name { get; init; }

    /// <summary>Seed for every random choice of the run (initialization, random grids, batches). Default 0.</summary>
    [JsonPropertyOrder(-2)]
    public long Seed { get; init; }

    /// <summary><c>"cpu"</c>, <c>"cuda"</c> or <c>"auto"</c> (CUDA when available). Default <c>"cpu"</c>.</summary>
    [JsonPropertyOrder(-1)]
    [OneOf("cpu", "cuda", "auto")]
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Stream the run's measurements to TensorBoard event files in <c>RUN_DIR/tensorboard/</c> at every probe. Default
    /// true; <c>run --no-tensorboard</c> turns it off for one run.
    /// </summary>
    [JsonPropertyOrder(100)]
    [JsonPropertyName("tensorboard")]
    public bool TensorBoard { get; init; } = true;

    /// <summary>Checks the name; a kind that has rules of its own calls this first.</summary>
    public virtual void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Optional("name") is { } nameNode && (!NameRegex().IsMatch(Name) || Name is "." or ".."))
            throw nameNode.OutOfRange("a non-empty name of letters, digits, '.', '_' and '-' (not \".\" or \"..\")");
        if (node.Optional("name") is { } longNode && Name.Length > MaxNameLength)
            throw longNode.OutOfRange($"a name of at most {MaxNameLength} characters (it has {Name.Length})");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NameRegex();
}
