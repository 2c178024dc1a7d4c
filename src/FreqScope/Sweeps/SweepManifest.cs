using System.Text.Json.Nodes;

namespace FreqScope.Sweeps;

/// <summary>The contents of a sweep folder's <c>sweep.json</c> (see docs/run-folder.md).</summary>
public sealed record SweepManifest
{
    /// <summary>The backends: members one after another in this process, in parallel child processes, as a Slurm array.</summary>
    public const string InProcess = "inprocess", Local = "local", Slurm = "slurm";

    /// <summary>The value of <see cref="Kind"/> that marks the file as a sweep manifest.</summary>
    public const string SweepKind = "sweep";

    /// <summary>Always <see cref="SweepKind"/>.</summary>
    public string Kind { get; init; } = SweepKind;

    /// <summary>The sweep's name (the config's name).</summary>
    public required string Name { get; init; }

    /// <summary>The experiment kind of every member.</summary>
    public required string Experiment { get; init; }

    /// <summary><c>grid</c> or <c>zip</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>The swept paths in order.</summary>
    public required IReadOnlyList<string> Keys { get; init; }

    /// <summary>Whether the members run in smoke mode (each kind's <c>Smoke(config)</c>).</summary>
    public required bool Smoke { get; init; }

    /// <summary>The device override given on the command line, or null for each config's own.</summary>
    public string? Device { get; init; }

    /// <summary>The dataset folder given on the command line (<c>--data</c>) for classify members, absolute, or null.</summary>
    public string? Data { get; init; }

    /// <summary>The folder relative paths in the members' configs (a CSV target, a dataset folder) are resolved against: the sweep file's folder.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>
    /// How the members run: <see cref="InProcess"/>, <see cref="Local"/> or <see cref="Slurm"/>; null in a sweep.json
    /// written before FreqScope recorded it. A continued sweep keeps it, so that its remaining members train as the
    /// first ones did.
    /// </summary>
    public string? Backend { get; init; }

    /// <summary>Members at once with the <see cref="Local"/> backend (each child's torch threads follow from it); null otherwise.</summary>
    public int? Jobs { get; init; }

    /// <summary>Whether compatible fit1d members train together as ensembles (false: <c>--no-ensemble</c>); null when not recorded.</summary>
    public bool? Ensemble { get; init; }

    /// <summary>The metric columns of sweep.csv in order (those any finished member's summary.json has).</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>The members in order.</summary>
    public required IReadOnlyList<SweepMemberRecord> Members { get; init; }

    /// <summary>The sweep file as given (comments removed), <c>sweep</c> key included.</summary>
    public required JsonObject Config { get; init; }
}
