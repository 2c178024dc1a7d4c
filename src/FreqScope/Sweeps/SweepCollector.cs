using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;

namespace FreqScope.Sweeps;

/// <summary>
/// Reads a sweep folder whose members ran elsewhere (child processes, Slurm tasks): each member's state from its run
/// folder, and for <c>collect</c> sweep.json's member records, sweep.csv and the report rebuilt from them.
/// </summary>
public static class SweepCollector
{
    /// <summary>Every member's state; the Slurm states of a Slurm sweep are asked for when <paramref name="querySlurm"/>.</summary>
    public static IReadOnlyList<SweepMemberState> Status(string sweepDir, bool querySlurm = true)
    {
        var dir = Path.GetFullPath(sweepDir);
        var (spec, _) = SweepRunner.LoadFolder(dir);
        SlurmJobs? jobs = File.Exists(Path.Combine(dir, SlurmSweep.Folder, SlurmSweep.JobsFile)) ? SlurmSweep.ReadJobs(dir) : null;
        var states = jobs is not null && querySlurm
            ? SlurmQueue.Query(jobs.Submissions.Select(s => s.JobId))
            : new Dictionary<string, string>();
        return [.. spec.Members.Select(m =>
        {
            var record = SweepRunner.ReadMemberRecord(spec, m, dir);
            var task = jobs?.LatestArrayFor(m.Index) is { } s ? $"{s.JobId}_{m.Index}" : null;
            return new SweepMemberState(m, record, task, task is not null && states.TryGetValue(task, out var state) ? state : null);
        })];
    }

    /// <summary>
    /// Rebuilds sweep.json's member records and sweep.csv from the member folders (a member not finished keeps its
    /// status there: pending, running, interrupted or failed), and the sweep's report when <paramref name="buildReport"/>.
    /// </summary>
    /// <returns>The result: <c>finished</c> when every member finished, <c>failed</c> when one failed, else <c>interrupted</c> (some still to run).</returns>
    public static SweepRunResult Collect(string sweepDir, bool buildReport = true)
    {
        var dir = Path.GetFullPath(sweepDir);
        var (spec, _) = SweepRunner.LoadFolder(dir);
        var manifest = SweepRunner.ReadManifest(dir);
        var records = spec.Members.Select(m => SweepRunner.ReadMemberRecord(spec, m, dir)).ToList();
        manifest = SweepRunner.WriteMembers(dir, manifest, records);
        if (buildReport) SweepReport.Build(dir);
        var status = records.All(r => r.Status == RunStatus.Finished) ? RunStatus.Finished
            : records.Any(r => r.Status == RunStatus.Failed) ? RunStatus.Failed
            : RunStatus.Interrupted;
        return new SweepRunResult(dir, status, manifest);
    }
}
