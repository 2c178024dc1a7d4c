using FreqScope.Core;

namespace FreqScope.Data;

/// <summary>Builds the <see cref="ITargetFunction"/> a <see cref="TargetConfig"/> describes.</summary>
public static class TargetFactory
{
    /// <summary>
    /// The target function of <paramref name="target"/>. A relative <see cref="TargetConfig.CsvPath"/> is resolved
    /// against <paramref name="baseDirectory"/> (the config file's folder; null: the current directory).
    /// </summary>
    /// <exception cref="DataFileException">A CSV target's file is missing or malformed.</exception>
    public static ITargetFunction Create(TargetConfig target, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind switch
        {
            TargetKind.Sinusoids => new SinusoidsTarget(target.Terms, target.FrequencyUnit),
            TargetKind.Square => new SquareWaveTarget(target.Frequency, target.FrequencyUnit, target.Amplitude, target.Phase),
            TargetKind.Sawtooth => new SawtoothTarget(target.Frequency, target.FrequencyUnit, target.Amplitude, target.Phase),
            TargetKind.GaussianBumps => new GaussianBumpsTarget(target.Bumps),
            TargetKind.Csv => CsvTarget.Load(ResolvePath(target.CsvPath, baseDirectory), target.CsvXColumn, target.CsvYColumn),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "Unknown target kind."),
        };
    }

    /// <summary>
    /// The target function of <paramref name="target"/>, checked against the <paramref name="domain"/> it is fitted on:
    /// a CSV target's samples must cover it.
    /// </summary>
    /// <exception cref="DataFileException">A CSV target's file is missing, malformed, or does not cover the domain.</exception>
    public static ITargetFunction Create(TargetConfig target, string? baseDirectory, Interval domain)
    {
        var function = Create(target, baseDirectory);
        if (function is CsvTarget csv) csv.EnsureCovers(domain.Min, domain.Max);
        return function;
    }

    private static string ResolvePath(string? csvPath, string? baseDirectory)
    {
        if (string.IsNullOrEmpty(csvPath)) throw new ArgumentException("A csv target needs a csvPath.", nameof(csvPath));
        return Path.IsPathRooted(csvPath) || baseDirectory is null ? csvPath : Path.Combine(baseDirectory, csvPath);
    }
}
