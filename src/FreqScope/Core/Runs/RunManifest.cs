using System.Diagnostics;
using FreqScope.Native;

namespace FreqScope.Core.Runs;

/// <summary>The contents of <c>manifest.json</c> (see docs/run-folder.md).</summary>
public sealed record RunManifest
{
    public required string FreqScopeVersion { get; init; }
    public required string TorchSharpVersion { get; init; }
    public required string LibtorchVersion { get; init; }
    public required string NativeLoadPath { get; init; }
    public required string Device { get; init; }
    public required long Seed { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public double? WallSeconds { get; init; }
    public string? GitCommit { get; init; }
    public required string Status { get; init; }
    public bool Finished => Status == RunStatus.Finished;
    public required long StepsCompleted { get; init; }
    public required long StepsPlanned { get; init; }
    /// <summary>Epochs completed (epoch-based experiments such as <c>classify</c>; null for <c>fit1d</c>).</summary>
    public int? EpochsCompleted { get; init; }
    /// <summary>Epochs planned (epoch-based experiments; null for <c>fit1d</c>).</summary>
    public int? EpochsPlanned { get; init; }
    /// <summary>The experiment kind (<c>fit1d</c>, <c>classify</c>).</summary>
    public string? Experiment { get; init; }
    public required bool Smoke { get; init; }
    public IReadOnlyList<long> ResumedFrom { get; init; } = [];
    public string? Error { get; init; }

    /// <summary>
    /// Why building the report (plots, report.html) failed after the run ended; absent when it was built or not asked
    /// for. A failed report never changes <see cref="Status"/>: the data are complete, and <c>freqscope report</c>
    /// builds it again (and removes this field when it succeeds).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ReportError { get; init; }

    /// <summary>
    /// Set when the run was trained as one member of an ensemble (a stacked network trained with others in one
    /// process: a fit1d sweep groups compatible members so); null for a solo run.
    /// </summary>
    public EnsembleMembership? Ensemble { get; init; }

    /// <summary>The command-line overrides the run's config was made with (<c>a.b=c</c>, in order); absent when there were none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Overrides { get; init; }

    /// <summary>
    /// A manifest with the versions, loading path, device, seed, times, commit and status filled in; the caller sets
    /// the progress fields with <c>with</c>. A resumed run keeps its first start time and adds this process's wall time
    /// to <paramref name="earlierSeconds"/>, the earlier processes'.
    /// </summary>
    internal static RunManifest Create(NativeLoadReport load, TorchSharp.torch.Device device, long seed, RunManifest? previous, double earlierSeconds,
        DateTimeOffset started, Stopwatch clock, string status, bool smoke, long? resumedFromStep, string? error) => new()
        {
            FreqScopeVersion = VersionInfo.FreqScope,
            TorchSharpVersion = VersionInfo.TorchSharp,
            LibtorchVersion = VersionInfo.LibTorch,
            NativeLoadPath = load.Path,
            Device = device.type == TorchSharp.DeviceType.CUDA ? "cuda" : "cpu",
            Seed = seed,
            StartedAt = previous?.StartedAt ?? started,
            EndedAt = status == RunStatus.Running ? null : DateTimeOffset.UtcNow,
            WallSeconds = status == RunStatus.Running ? null : earlierSeconds + clock.Elapsed.TotalSeconds,
            GitCommit = VersionInfo.GitCommit(Environment.CurrentDirectory) ?? VersionInfo.GitCommit(AppContext.BaseDirectory),
            Status = status,
            StepsCompleted = 0,
            StepsPlanned = 0,
            Smoke = smoke,
            ResumedFrom = resumedFromStep is long from ? [.. previous?.ResumedFrom ?? [], from] : previous?.ResumedFrom ?? [],
            Error = error,
        };
}
