using System.Globalization;
using System.Text;
using System.Text.Json;
using FreqScope.Core.Runs;
using FreqScope.Experiments;

namespace FreqScope.Sweeps;

/// <summary>
/// Runs a sweep on a Slurm cluster: writes <c>SWEEP_DIR/slurm/array.sbatch</c> (one array task per member still to
/// run, each <c>freqscope sweep member SWEEP_DIR $SLURM_ARRAY_TASK_ID</c>), submits it with <c>sbatch --parsable</c>,
/// and, with retries, a follow-up job (<c>--dependency=afterany:ARRAY</c>) running <c>freqscope sweep retry SWEEP_DIR</c>,
/// which resubmits what failed or never finished. Every job is recorded in <c>slurm/jobs.json</c>. Paths in the
/// scripts are absolute: the sweep folder and FreqScope must be on a filesystem every node shares.
/// </summary>
public static class SlurmSweep
{
    /// <summary>The folder under the sweep folder with the scripts, jobs.json and the tasks' output.</summary>
    public const string Folder = "slurm";

    /// <summary>The member array script's file name.</summary>
    public const string ArrayScript = "array.sbatch";

    /// <summary>The retry job script's file name.</summary>
    public const string RetryScript = "retry.sbatch";

    /// <summary>The job record's file name.</summary>
    public const string JobsFile = "jobs.json";

    /// <summary>
    /// Opens the sweep folder (as <see cref="SweepRunner.Run"/> does), writes the scripts and submits the members that
    /// have not finished, then the retry job; returns the updated job record without waiting.
    /// </summary>
    /// <exception cref="InvalidOperationException">sbatch is missing or failed (its error is in the message; nothing is recorded for a job that failed to submit), or every member has finished.</exception>
    public static SlurmJobs Submit(SweepSpec spec, SweepRunOptions options, SlurmOptions slurm)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(slurm);
        RequireSbatch();
        using var held = SweepRunner.LockFolder(options);
        var manifest = SweepRunner.OpenFolder(spec, options, SweepManifest.Slurm);
        var dir = Path.GetFullPath(options.OutputDirectory);
        var records = spec.Members.Select(m => SweepRunner.ReadMemberRecord(spec, m, dir)).ToList();
        SweepRunner.WriteMembers(dir, manifest, records);
        var indices = records.Select((r, i) => (r, i)).Where(x => x.r.Status != RunStatus.Finished).Select(x => x.i).ToList();
        if (indices.Count == 0) throw new InvalidOperationException($"every member of {dir} has finished; nothing to submit (rebuild the table with freqscope sweep collect {dir})");
        var slurmDir = Path.Combine(dir, Folder);
        Directory.CreateDirectory(slurmDir);
        var jobName = slurm.JobName ?? spec.Name;
        slurm = slurm with { JobName = jobName };
        AtomicFile.WriteAllText(Path.Combine(slurmDir, ArrayScript), ArrayScriptText(dir, slurm, indices));
        AtomicFile.WriteAllText(Path.Combine(slurmDir, RetryScript), RetryScriptText(dir, slurm));
        var jobs = File.Exists(Path.Combine(slurmDir, JobsFile)) ? ReadJobs(dir) with { Options = slurm } : new SlurmJobs { Options = slurm };
        return SubmitAttempt(dir, jobs, indices, jobs.ArraysSubmitted + 1, chainRetry: slurm.Retries > 0);
    }

    /// <summary>
    /// What the retry job runs once the last array has ended: decides with <see cref="SlurmRetryPlan.Decide"/> and
    /// resubmits the members that did not finish (with another retry job when allowed).
    /// </summary>
    public static SlurmRetryPlan Retry(string sweepDir)
    {
        var dir = Path.GetFullPath(sweepDir);
        var (spec, _) = SweepRunner.LoadFolder(dir);
        var jobs = ReadJobs(dir);
        var records = spec.Members.Select(m => SweepRunner.ReadMemberRecord(spec, m, dir)).ToList();
        var plan = SlurmRetryPlan.Decide(records, jobs.ArraysSubmitted, jobs.Options.Retries);
        if (!plan.Resubmit) return plan;
        RequireSbatch();
        SubmitAttempt(dir, jobs, plan.Indices, plan.Attempt, plan.ChainAnotherRetry);
        return plan;
    }

    private static SlurmJobs SubmitAttempt(string dir, SlurmJobs jobs, IReadOnlyList<int> indices, int attempt, bool chainRetry)
    {
        var slurmDir = Path.Combine(dir, Folder);
        var arrayId = Sbatch(slurmDir, ["--array=" + SlurmQueue.FormatRanges(indices)], ArrayScript);
        jobs = jobs with
        {
            Submissions = [.. jobs.Submissions, new SlurmSubmission
            {
                Kind = SlurmSubmission.ArrayKind, JobId = arrayId, Attempt = attempt, Indices = [.. indices], SubmittedAt = DateTimeOffset.Now,
            }],
        };
        WriteJobs(dir, jobs);
        if (!chainRetry) return jobs;
        string retryId;
        try
        {
            retryId = Sbatch(slurmDir, ["--dependency=afterany:" + arrayId], RetryScript);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"the member array was submitted as job {arrayId}, but its retry job was not: {e.Message}", e);
        }

        jobs = jobs with
        {
            Submissions = [.. jobs.Submissions, new SlurmSubmission
            {
                Kind = SlurmSubmission.RetryKind, JobId = retryId, Attempt = attempt, DependsOn = arrayId, SubmittedAt = DateTimeOffset.Now,
            }],
        };
        WriteJobs(dir, jobs);
        return jobs;
    }

    /// <summary>The member array script: <c>#SBATCH</c> lines, then one <c>exec</c> of the member command.</summary>
    public static string ArrayScriptText(string sweepDir, SlurmOptions slurm, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(slurm);
        var dir = Path.GetFullPath(sweepDir);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={slurm.JobName ?? "freqscope-sweep"}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --array={SlurmQueue.FormatRanges(indices)}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(dir, Folder, "%A_%a.out")}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={slurm.CpusPerTask}\n");
        Resources(text, slurm, withMemberResources: true);
        text.Append("# Written by freqscope sweep --backend slurm. Paths are absolute: the sweep folder and FreqScope must be on a\n");
        text.Append("# filesystem every node shares. The array ids are member indices; sbatch --array=… picks the ones to run.\n");
        var args = LocalSweepRunner.MemberArguments(dir, "$SLURM_ARRAY_TASK_ID", "${SLURM_CPUS_PER_TASK:-1}", slurm.BuildReport, progressLines: false);
        text.Append("exec ").Append(string.Join(" ", slurm.Command.Select(Shell))).Append(' ');
        text.Append(string.Join(" ", args.Select(a => a.StartsWith('$') ? "\"" + a + "\"" : Shell(a)))).Append('\n');
        return text.ToString();
    }

    /// <summary>The retry job script: <c>freqscope sweep retry SWEEP_DIR</c> on one core.</summary>
    public static string RetryScriptText(string sweepDir, SlurmOptions slurm)
    {
        ArgumentNullException.ThrowIfNull(slurm);
        var dir = Path.GetFullPath(sweepDir);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={slurm.JobName ?? "freqscope-sweep"}-retry\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(dir, Folder, "retry-%j.out")}\n");
        text.Append("#SBATCH --cpus-per-task=1\n");
        Resources(text, slurm, withMemberResources: false);
        text.Append("# Written by freqscope sweep --backend slurm: after the member array, resubmit what failed or never finished.\n");
        text.Append("exec ").Append(string.Join(" ", slurm.Command.Select(Shell))).Append(" sweep retry ").Append(Shell(dir)).Append('\n');
        return text.ToString();
    }

    private static void Resources(StringBuilder text, SlurmOptions slurm, bool withMemberResources)
    {
        if (slurm.Partition is string p) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={p}\n");
        if (slurm.Time is string t) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={t}\n");
        if (withMemberResources && slurm.Mem is string m) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={m}\n");
        if (withMemberResources && slurm.Gpus is string g) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --gpus={g}\n");
        foreach (var extra in slurm.ExtraArguments) text.Append(CultureInfo.InvariantCulture, $"#SBATCH {extra}\n");
    }

    /// <summary>A word quoted for bash (single quotes) unless it is plainly safe.</summary>
    private static string Shell(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '=' or ':' or ',' or '+')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void RequireSbatch()
    {
        if (ExternalCommand.Find("sbatch") is null)
            throw new InvalidOperationException("sbatch was not found on PATH; --backend slurm runs on a Slurm login node (a one-node test cluster: .ci/slurm-up)");
    }

    /// <summary>Runs <c>sbatch --parsable OPTIONS SCRIPT</c> in the slurm folder and returns the job id.</summary>
    private static string Sbatch(string slurmDir, IReadOnlyList<string> options, string script)
    {
        var result = ExternalCommand.Run("sbatch", ["--parsable", .. options, Path.Combine(slurmDir, script)], slurmDir)
            ?? throw new InvalidOperationException("sbatch could not be started; is Slurm installed?");
        var id = result.Output.Trim().Split(';')[0].Trim();
        if (result.Code != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
            throw new InvalidOperationException($"sbatch {string.Join(" ", options)} {script} failed (exit code {result.Code}): {(result.Error.Trim().Length > 0 ? result.Error.Trim() : result.Output.Trim())}");
        return id;
    }

    /// <summary>Reads <c>SWEEP_DIR/slurm/jobs.json</c>.</summary>
    /// <exception cref="InvalidOperationException">The sweep was never submitted to Slurm.</exception>
    public static SlurmJobs ReadJobs(string sweepDir)
    {
        var path = Path.Combine(sweepDir, Folder, JobsFile);
        if (!File.Exists(path)) throw new InvalidOperationException($"{sweepDir} has no {Folder}/{JobsFile} (was it run with --backend slurm?)");
        try
        {
            return JsonSerializer.Deserialize<SlurmJobs>(File.ReadAllText(path), RunFolder.Json) ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static void WriteJobs(string sweepDir, SlurmJobs jobs) =>
        AtomicFile.WriteAllText(Path.Combine(sweepDir, Folder, JobsFile), JsonSerializer.Serialize(jobs, RunFolder.Json) + "\n");
}
