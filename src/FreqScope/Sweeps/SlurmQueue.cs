using System.Globalization;

namespace FreqScope.Sweeps;

/// <summary>
/// The Slurm state of array tasks, from <c>sacct --parsable2 --noheader --format=JobID,State</c> (when accounting
/// works) and <c>squeue --noheader --array --states=all --format=%i|%T</c> (jobs the controller still knows, which win). Either may be
/// missing: then states are simply unknown, and a member's run folder tells the rest.
/// </summary>
public static class SlurmQueue
{
    /// <summary>
    /// Parses <c>JOBID|STATE</c> lines into states by <c>ARRAYJOB_TASK</c>: array ranges such as <c>12_[0-3,7%2]</c>
    /// are expanded, job steps (<c>12_1.batch</c>, <c>12_1.extern</c>) skipped, a state's detail (<c>CANCELLED by 0</c>)
    /// cut to its first word; a plain job id keys itself. Blank and malformed lines are ignored.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0) continue;
            var id = line[..bar].Trim();
            var state = line[(bar + 1)..].Split('|')[0].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (state is null || id.Contains('.', StringComparison.Ordinal)) continue;
            var underscore = id.IndexOf('_', StringComparison.Ordinal);
            if (underscore < 0)
            {
                states[id] = state;
                continue;
            }

            var job = id[..underscore];
            var tasks = id[(underscore + 1)..];
            if (tasks.StartsWith('[') && tasks.EndsWith(']'))
            {
                var body = tasks[1..^1];
                var percent = body.IndexOf('%', StringComparison.Ordinal);
                if (percent >= 0) body = body[..percent];
                foreach (var index in ExpandRanges(body)) states[$"{job}_{index}"] = state;
            }
            else if (int.TryParse(tasks, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                states[$"{job}_{index}"] = state;
            }
        }

        return states;
    }

    /// <summary>The indices of a range list such as <c>0-3,7</c> (malformed parts are skipped).</summary>
    public static IEnumerable<int> ExpandRanges(string ranges)
    {
        foreach (var part in (ranges ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var single)) yield return single;
                continue;
            }

            if (int.TryParse(part[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(part[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
                for (var i = from; i <= to; i++) yield return i;
        }
    }

    /// <summary>Indices as a compact range list for <c>--array</c>: <c>0-3,7</c>.</summary>
    public static string FormatRanges(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(",", parts);
    }

    /// <summary>
    /// The states of the given jobs' tasks: sacct's where it answers, overridden by squeue's; empty where neither
    /// program is installed or answers (accounting disabled, controller down).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Query(IEnumerable<string> jobIds)
    {
        var ids = string.Join(",", jobIds.Distinct());
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Length == 0) return states;
        if (ExternalCommand.Run("sacct", ["--parsable2", "--noheader", "--format=JobID,State", "--jobs=" + ids], timeoutSeconds: 20) is { Code: 0 } sacct)
            foreach (var (key, value) in Parse(sacct.Output)) states[key] = value;
        if (ExternalCommand.Run("squeue", ["--noheader", "--array", "--states=all", "--format=%i|%T", "--jobs=" + ids], timeoutSeconds: 20) is { Code: 0 } squeue)
            foreach (var (key, value) in Parse(squeue.Output)) states[key] = value;
        return states;
    }
}
