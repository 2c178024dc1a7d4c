namespace FreqScope.Sweeps;

/// <summary>One member's entry in <c>sweep.json</c>: its name, assignment, run status and metrics.</summary>
public sealed record SweepMemberRecord
{
    /// <summary>The member's run folder (under the sweep folder) and config name: <c>NAME-000</c>, …</summary>
    public required string Name { get; init; }

    /// <summary>Short description of the assignment, e.g. <c>seed=1,model.hidden=[200]</c>.</summary>
    public required string Label { get; init; }

    /// <summary>Each swept path with this member's value as compact JSON text, in the order of the sweep's keys.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <summary><c>pending</c> before it runs, else its manifest's status: <c>finished</c>, <c>interrupted</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Wall time of the member's run in seconds, from its manifest (null before it ran).</summary>
    public double? WallSeconds { get; init; }

    /// <summary>The error of a failed member.</summary>
    public string? Error { get; init; }

    /// <summary>The member's metrics read from its summary.json (only for a finished member; a missing value is null).</summary>
    public IReadOnlyDictionary<string, double?> Metrics { get; init; } = new Dictionary<string, double?>();
}
