using FreqScope.Experiments.Fit1d;
namespace FreqScope.Sweeps;

/// <summary>How to run a sweep.</summary>
public sealed record SweepRunOptions
{
    /// <summary>
    /// The sweep folder. A new sweep needs it absent or empty; a folder that holds the same sweep's sweep.json is
    /// continued: finished members are kept, interrupted ones resumed, failed ones run again.
    /// </summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Run each member in smoke mode (its kind's <c>Smoke(config)</c>).</summary>
    public bool Smoke { get; init; }

    /// <summary>cpu, cuda or auto for every member (overrides the configs), or null.</summary>
    public string? Device { get; init; }

    /// <summary>A folder holding the dataset files of classify members (local files only: sets their <c>data.dir</c> and turns download off), or null.</summary>
    public string? Data { get; init; }

    /// <summary>Folder that relative paths in the config (a CSV target, dataset folders) are resolved against.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>
    /// Train compatible pending fit1d members together as ensembles (see <see cref="FitEnsembleExperiment"/>). Default
    /// true; false runs every member alone.
    /// </summary>
    public bool Ensemble { get; init; } = true;

    /// <summary>The most members one ensemble holds (≥ 1, default 64); a larger compatible group is split.</summary>
    public int EnsembleCap { get; init; } = 64;

    /// <summary>Build each member's report and the sweep's report.html.</summary>
    public bool BuildReport { get; init; } = true;

    /// <summary>Called before a member runs, with what happens to it: <c>run</c>, <c>resume</c>, <c>rerun</c> or <c>skip</c>.</summary>
    public Action<SweepMember, string>? OnMemberStart { get; init; }

    /// <summary>Called while a member runs, with the fraction done (0 to 1) and a short progress text.</summary>
    public Action<SweepMember, double, string>? OnProgress { get; init; }

    /// <summary>Called when a member stops (finished, interrupted, failed or skipped), with its record.</summary>
    public Action<SweepMember, SweepMemberRecord>? OnMemberDone { get; init; }
}
