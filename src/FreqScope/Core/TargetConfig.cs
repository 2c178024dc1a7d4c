using System.Text.Json.Serialization;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>
/// The target function. Which members matter depends on <see cref="Kind"/>: <see cref="Terms"/> for sinusoids;
/// <see cref="Frequency"/>, <see cref="Amplitude"/> and <see cref="Phase"/> for square and sawtooth;
/// <see cref="Bumps"/> for Gaussian bumps; <see cref="CsvPath"/> and the column names for CSV. The others are
/// kept (and written back) but unused.
/// </summary>
public sealed record TargetConfig : IConfigRules
{
    /// <summary>The family of the target.</summary>
    [JsonRequired]
    public TargetKind Kind { get; init; }

    /// <summary>Unit of <see cref="Frequency"/> and of the terms' frequencies. Default angular.</summary>
    public FrequencyUnit FrequencyUnit { get; init; } = FrequencyUnit.Angular;

    /// <summary>Terms of a sinusoids target (at least one). Default empty.</summary>
    public ValueList<SinusoidTerm> Terms { get; init; } = [];

    /// <summary>Frequency of a square or sawtooth target (&gt; 0 for those kinds). Default 0.</summary>
    public double Frequency { get; init; }

    /// <summary>Amplitude of a square or sawtooth target. Default 1.</summary>
    public double Amplitude { get; init; } = 1;

    /// <summary>Phase (radians) of a square or sawtooth target. Default 0.</summary>
    public double Phase { get; init; }

    /// <summary>Bumps of a Gaussian-bumps target (at least one). Default empty.</summary>
    public ValueList<GaussianBump> Bumps { get; init; } = [];

    /// <summary>CSV file of samples, relative to the config file's folder; required for the csv kind.</summary>
    [NonEmpty("a non-empty file path")]
    public string? CsvPath { get; init; }

    /// <summary>Header of the x column in the CSV file. Default <c>"x"</c>.</summary>
    [NonEmpty("a non-empty string")]
    public string CsvXColumn { get; init; } = "x";

    /// <summary>Header of the y column in the CSV file. Default <c>"y"</c>.</summary>
    [NonEmpty("a non-empty string")]
    public string CsvYColumn { get; init; } = "y";

    /// <summary>Each kind needs its own keys: terms, a frequency &gt; 0, bumps or a file.</summary>
    public void Check(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var kind = $"\"{JsonNames.Of(Kind)}\"";
        switch (Kind)
        {
            case TargetKind.Sinusoids:
                if (node.Required("terms", $"kind {kind} needs at least one term") is { } terms && Terms.Count == 0) throw terms.OutOfRange("at least one term");
                break;
            case TargetKind.Square or TargetKind.Sawtooth:
                if (!(Frequency > 0)) throw node.Required("frequency", $"kind {kind} needs a frequency").OutOfRange("a number > 0");
                break;
            case TargetKind.GaussianBumps:
                if (node.Required("bumps", $"kind {kind} needs at least one bump") is { } bumps && Bumps.Count == 0) throw bumps.OutOfRange("at least one bump");
                break;
            case TargetKind.Csv:
                if (node.Required("csvPath", $"kind {kind} needs a file") is { } path && CsvPath is null) throw path.WrongType("a string");
                break;
        }
    }

    /// <summary>
    /// Refuses a CSV target in a kind that evaluates the target anywhere, not only at sampled points
    /// (<paramref name="target"/> is the target's JSON).
    /// </summary>
    public void RequireAnalytic(ConfigNode target, string experiment)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (Kind == TargetKind.Csv)
            throw target.Error("kind", $"\"csv\" is not available in {experiment} experiments; expected an analytic target: \"sinusoids\", \"square\", \"sawtooth\" or \"gaussianBumps\"");
    }
}
