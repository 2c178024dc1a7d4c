using System.Diagnostics;
using FreqScope.Native;
using static TorchSharp.torch;

namespace FreqScope.Core.Runs;

/// <summary>
/// What one run folder's manifest.json says through the life cycle, written once for <see cref="RunLoop"/> and for
/// each member folder of a fit1d ensemble: versions, device, seed and times (a resumed run keeps its first start, its
/// smoke flag and its overrides, and adds up wall time), the steps it was resumed from, the progress fields the run
/// fills in, and the failed manifest that leaves nothing in the folder looking complete.
/// </summary>
/// <param name="runDirectory">The run folder.</param>
/// <param name="previous">The manifest of a resumed folder; null for a fresh run.</param>
/// <param name="load">How libtorch was loaded.</param>
/// <param name="device">The device the run computes on.</param>
/// <param name="seed">The run's seed.</param>
/// <param name="smoke">Whether a fresh run is a smoke run.</param>
/// <param name="started">When this run (or, resumed, this continuation) started.</param>
/// <param name="clock">The run's wall clock, started then.</param>
/// <param name="progress">Sets the progress fields (steps, epochs, kind, overrides, ensemble) on a manifest.</param>
internal sealed class RunLedger(string runDirectory, RunManifest? previous, NativeLoadReport load, Device device, long seed, bool smoke,
    DateTimeOffset started, Stopwatch clock, Func<RunManifest, RunManifest> progress)
{
    /// <summary>
    /// The wall seconds of the run's earlier processes: the previous manifest's, or, when that process was killed
    /// before it could write them, its last checkpoint's (set on resume).
    /// </summary>
    public double EarlierSeconds { get; set; } = previous?.WallSeconds ?? 0;

    /// <summary>The step this run continued from (a checkpoint's, or the earlier run's when it starts again); null for a fresh run.</summary>
    public long? ResumedFrom { get; set; }

    /// <summary>The manifest with <paramref name="status"/> (and the failure's <paramref name="error"/>).</summary>
    public RunManifest Manifest(string status, string? error = null) => progress(
        RunManifest.Create(load, device, seed, previous, EarlierSeconds, started, clock, status, previous?.Smoke ?? smoke, ResumedFrom, error));

    /// <summary>Writes the manifest with <paramref name="status"/> (and <paramref name="error"/>, for a diverged run).</summary>
    public void Write(string status, string? error = null) => RunFolder.WriteManifest(runDirectory, Manifest(status, error));

    /// <summary>Marks the run failed with <paramref name="error"/>'s message (see <see cref="RunFolder.MarkFailed"/>).</summary>
    public void MarkFailed(Exception error) => RunFolder.MarkFailed(runDirectory, Manifest(RunStatus.Failed, error.Message));
}
