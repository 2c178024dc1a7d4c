namespace FreqScope.Sweeps;

/// <summary>How <see cref="LocalSweepRunner"/> runs a sweep's members in child processes.</summary>
public sealed record LocalSweepOptions
{
    /// <summary>
    /// The command that starts the FreqScope command line, e.g. <c>["/usr/bin/dotnet", "/abs/FreqScope.Cli.dll"]</c>
    /// or <c>["/abs/freqscope"]</c>; <c>sweep member SWEEP_DIR INDEX …</c> is appended.
    /// </summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>How many members run at once (at least 1).</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Torch CPU threads of each child; null for <c>max(1, cores / Jobs)</c>.</summary>
    public int? Threads { get; init; }

    /// <summary>The threads each child gets: <see cref="Threads"/>, else <c>max(1, cores / Jobs)</c>.</summary>
    public int ThreadsPerJob => Threads ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, Jobs));
}
