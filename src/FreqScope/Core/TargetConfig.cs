namespace FreqScope.Core;

/// <summary>
/// The target function. Which members matter depends on <see cref="Kind"/>: <see cref="Terms"/> for sinusoids;
/// <see cref="Frequency"/>, <see cref="Amplitude"/> and <see cref="Phase"/> for square and sawtooth;
/// <see cref="Bumps"/> for Gaussian bumps; <see cref="CsvPath"/> and the column names for CSV. The others are
/// kept (and written back) but unused. Equality compares the lists element by element.
/// </summary>
public sealed record TargetConfig
{
    /// <summary>The family of the target.</summary>
    public required TargetKind Kind { get; init; }

    /// <summary>Unit of <see cref="Frequency"/> and of the terms' frequencies. Default angular.</summary>
    public FrequencyUnit FrequencyUnit { get; init; } = FrequencyUnit.Angular;

    /// <summary>Terms of a sinusoids target (at least one). Default empty.</summary>
    public IReadOnlyList<SinusoidTerm> Terms { get; init; } = [];

    /// <summary>Frequency of a square or sawtooth target (&gt; 0 for those kinds). Default 0.</summary>
    public double Frequency { get; init; }

    /// <summary>Amplitude of a square or sawtooth target. Default 1.</summary>
    public double Amplitude { get; init; } = 1;

    /// <summary>Phase (radians) of a square or sawtooth target. Default 0.</summary>
    public double Phase { get; init; }

    /// <summary>Bumps of a Gaussian-bumps target (at least one). Default empty.</summary>
    public IReadOnlyList<GaussianBump> Bumps { get; init; } = [];

    /// <summary>CSV file of samples, relative to the config file's folder; required for the csv kind.</summary>
    public string? CsvPath { get; init; }

    /// <summary>Header of the x column in the CSV file. Default <c>"x"</c>.</summary>
    public string CsvXColumn { get; init; } = "x";

    /// <summary>Header of the y column in the CSV file. Default <c>"y"</c>.</summary>
    public string CsvYColumn { get; init; } = "y";

    /// <inheritdoc />
    public bool Equals(TargetConfig? other) =>
        other is not null
        && Kind == other.Kind
        && FrequencyUnit == other.FrequencyUnit
        && Terms.SequenceEqual(other.Terms)
        && Frequency.Equals(other.Frequency)
        && Amplitude.Equals(other.Amplitude)
        && Phase.Equals(other.Phase)
        && Bumps.SequenceEqual(other.Bumps)
        && CsvPath == other.CsvPath
        && CsvXColumn == other.CsvXColumn
        && CsvYColumn == other.CsvYColumn;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(FrequencyUnit);
        foreach (var term in Terms) hash.Add(term);
        hash.Add(Frequency);
        hash.Add(Amplitude);
        hash.Add(Phase);
        foreach (var bump in Bumps) hash.Add(bump);
        hash.Add(CsvPath);
        hash.Add(CsvXColumn);
        hash.Add(CsvYColumn);
        return hash.ToHashCode();
    }
}
