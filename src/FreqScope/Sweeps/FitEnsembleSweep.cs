using System.Globalization;
using FreqScope.Core.Runs;
using FreqScope.Training;
using FreqScope.Experiments.Fit1d;

namespace FreqScope.Sweeps;

/// <summary>
/// The ensemble path of a fit1d sweep (called by <see cref="SweepRunner.Run"/> before its member loop): the members
/// still to run that may share one stacked network (same config but for seed, initialisations, learning rate and
/// hidden widths of one depth; full batch; see <see cref="FitEnsembleExperiment"/>) are grouped in member order, at
/// most <see cref="SweepRunOptions.EnsembleCap"/> per group, and each group of two or more runs as one ensemble whose
/// checkpoint lives in <c>SWEEP_DIR/.ensemble-III</c> (III: the group's first member index). A group interrupted
/// earlier resumes from that checkpoint when it holds exactly the same members; otherwise the group's members run
/// afresh. Finished members, members resumable from a solo checkpoint and members that cannot be stacked are left to
/// the ordinary loop.
/// </summary>
internal static class FitEnsembleSweep
{
    /// <summary>The prefix of a group's folder under the sweep folder.</summary>
    public const string GroupPrefix = ".ensemble-";

    /// <summary>Runs every ensemble group; returns the members it took care of and the worst status among them.</summary>
    public static (HashSet<int> Handled, string Status) Run(SweepSpec spec, string dir, SweepRunOptions options,
        Action<SweepMember, SweepMemberRecord> done, CancellationToken cancellation)
    {
        var handled = new HashSet<int>();
        var status = RunStatus.Finished;
        if (!options.Ensemble || spec.Experiment != FitExperimentConfig.Fit1d) return (handled, status);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EnsembleCap, 1);

        var candidates = new List<(SweepMember Member, FitExperimentConfig Config, RunManifest? Existing)>();
        foreach (var member in spec.Members)
        {
            if (SweepRunner.Prepare(member.Config, options.Smoke, options.Device, options.Data) is not FitExperimentConfig config) continue;
            if (FitEnsembleExperiment.Incompatibility(config) is not null) continue;
            var runDir = Path.Combine(dir, member.Name);
            var existing = RunFolder.TryReadManifest(runDir);
            if (existing?.Status == RunStatus.Finished) continue;
            // A member that diverged alone is an outcome, as a finished one is; one that diverged inside a group that
            // did not finish goes on with its group (which leaves it as it stopped).
            if (existing is { Status: RunStatus.Diverged, Ensemble: null }) continue;
            if (existing is { Status: RunStatus.Interrupted or RunStatus.Running, Ensemble: null } && Checkpoint.Locate(runDir) is not null) continue;
            candidates.Add((member, config, existing));
        }

        var groups = candidates.GroupBy(c => FitEnsembleExperiment.GroupKey(c.Config))
            .SelectMany(g => g.Chunk(options.EnsembleCap))
            .Where(g => g.Length >= 2)
            .OrderBy(g => g[0].Member.Index)
            .ToList();
        foreach (var group in groups)
        {
            if (cancellation.IsCancellationRequested) return (handled, RunStatus.Interrupted);
            var groupDir = Path.Combine(dir, GroupPrefix + group[0].Member.Index.ToString("D3", CultureInfo.InvariantCulture));
            var dirs = group.Select(c => Path.Combine(dir, c.Member.Name)).ToArray();
            var records = new SweepMemberRecord[group.Length];
            if (group.All(c => c.Existing?.Status == RunStatus.Diverged))
            {
                // Every member diverged: the group stopped, and running it again would diverge again.
                for (int k = 0; k < group.Length; k++)
                {
                    options.OnMemberStart?.Invoke(group[k].Member, "skip");
                    records[k] = Record(group[k].Member, RunStatus.Diverged, group[k].Existing!.WallSeconds) with { Error = group[k].Existing!.Error };
                    handled.Add(group[k].Member.Index);
                    done(group[k].Member, records[k]);
                }

                continue;
            }

            var checkpoint = EnsembleCheckpoint.Peek(groupDir);
            bool resume = checkpoint is not null
                && checkpoint.Members.SequenceEqual(group.Select(c => c.Member.Name))
                && group.All(c => c.Existing is { Status: RunStatus.Interrupted or RunStatus.Running or RunStatus.Diverged, Ensemble: not null });
            for (int k = 0; k < group.Length; k++)
            {
                var action = "run";
                if (!resume && RunFolder.HasContent(dirs[k]))
                {
                    RunFolder.Clear(dirs[k]);
                    action = "rerun";
                }

                options.OnMemberStart?.Invoke(group[k].Member, resume ? "resume" : action);
            }

            try
            {
                long steps = group[0].Config.Training.Steps;
                var results = FitEnsembleExperiment.Run([.. group.Select(c => c.Config)], dirs, new FitEnsembleOptions
                {
                    GroupDirectory = groupDir,
                    Resume = resume,
                    ConfigDirectory = options.ConfigDirectory,
                    Smoke = options.Smoke,
                    BuildReport = options.BuildReport,
                    OnProgress = (k, p) => options.OnProgress?.Invoke(group[k].Member, Math.Clamp(p.Step / (double)steps, 0, 1),
                        string.Create(CultureInfo.InvariantCulture, $"{FitExperiment.Instance.Describe(p)}  (ensemble of {group.Length})")),
                }, cancellation);
                for (int k = 0; k < group.Length; k++)
                {
                    var manifest = RunFolder.ReadManifest(dirs[k]);
                    records[k] = Record(group[k].Member, results[k].Status, manifest.WallSeconds) with
                    {
                        Metrics = results[k].Status == RunStatus.Finished ? SweepRunner.ReadMetrics(dirs[k], spec.Experiment) : new Dictionary<string, double?>(),
                        Error = results[k].Status == RunStatus.Diverged ? manifest.Error : null,
                    };
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                for (int k = 0; k < group.Length; k++) records[k] = Record(group[k].Member, RunStatus.Failed, null) with { Error = e.Message };
            }

            for (int k = 0; k < group.Length; k++)
            {
                handled.Add(group[k].Member.Index);
                done(group[k].Member, records[k]);
            }

            if (records.Any(r => r.Status == RunStatus.Interrupted)) return (handled, RunStatus.Interrupted);
            if (records.Any(r => r.Status == RunStatus.Failed)) status = RunStatus.Failed;
        }

        return (handled, status);
    }

    private static SweepMemberRecord Record(SweepMember member, string status, double? wallSeconds) => new()
    {
        Name = member.Name,
        Label = member.Label,
        Values = member.Assignment.ToDictionary(a => a.Key, a => a.Value),
        Status = status,
        WallSeconds = wallSeconds,
    };
}
