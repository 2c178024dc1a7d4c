namespace FreqScope.Reporting;

/// <summary>The content of <c>manifest.json</c>.</summary>
/// <param name="Status"><c>running</c>, <c>interrupted</c>, <c>failed</c> or <c>finished</c>.</param>
/// <param name="Finished">True only for status <c>finished</c>.</param>
/// <param name="StepsCompleted">Training steps completed.</param>
/// <param name="StepsPlanned">Training steps planned.</param>
/// <param name="FreqScopeVersion">FreqScope version, or null.</param>
/// <param name="TorchSharpVersion">TorchSharp version, or null.</param>
/// <param name="LibtorchVersion">libtorch version, or null.</param>
/// <param name="NativeLoadPath">How the native libraries were loaded, or null.</param>
/// <param name="Device">The device the run used, or null.</param>
/// <param name="Seed">The seed, or null.</param>
/// <param name="StartedAt">Start time as written (ISO 8601), or null.</param>
/// <param name="EndedAt">End time as written, or null while running.</param>
/// <param name="WallSeconds">Wall time in seconds, or null while running.</param>
/// <param name="GitCommit">The git commit, or null.</param>
/// <param name="Smoke">Whether this was a smoke run.</param>
/// <param name="ResumedFrom">Steps the run was resumed from.</param>
/// <param name="Error">The error message of a failed run, or null.</param>
/// <param name="EpochsCompleted">Epochs completed (epoch-based experiments such as <c>classify</c>), or null when absent.</param>
/// <param name="EpochsPlanned">Epochs planned (epoch-based experiments), or null when absent.</param>
/// <param name="Experiment">The experiment kind (<c>fit1d</c>, <c>classify</c>), or null when absent.</param>
public sealed record ManifestView(
    string Status,
    bool Finished,
    long StepsCompleted,
    long StepsPlanned,
    string? FreqScopeVersion,
    string? TorchSharpVersion,
    string? LibtorchVersion,
    string? NativeLoadPath,
    string? Device,
    long? Seed,
    string? StartedAt,
    string? EndedAt,
    double? WallSeconds,
    string? GitCommit,
    bool Smoke,
    IReadOnlyList<long> ResumedFrom,
    string? Error,
    int? EpochsCompleted = null,
    int? EpochsPlanned = null,
    string? Experiment = null);
