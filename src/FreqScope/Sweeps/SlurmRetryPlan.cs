using FreqScope.Core.Runs;
using FreqScope.Experiments;

namespace FreqScope.Sweeps;

/// <summary>
/// What <c>freqscope sweep retry</c> does once the last member array has ended: nothing when every member finished;
/// else resubmit the members that failed or never finished (pending, interrupted, failed, or left <c>running</c> by a
/// killed task) as attempt <c>k + 1</c> while fewer than <c>retries</c> resubmissions have been made, chaining another
/// retry job when one more would still be allowed.
/// </summary>
/// <param name="Indices">The member indices to resubmit (empty when none).</param>
/// <param name="Attempt">The attempt number the resubmission gets.</param>
/// <param name="ChainAnotherRetry">Whether a retry job should follow the resubmission.</param>
/// <param name="AllFinished">Whether every member has finished (nothing left to do).</param>
/// <param name="Reason">What was decided, in words.</param>
public sealed record SlurmRetryPlan(IReadOnlyList<int> Indices, int Attempt, bool ChainAnotherRetry, bool AllFinished, string Reason)
{
    /// <summary>Whether members are resubmitted.</summary>
    public bool Resubmit => Indices.Count > 0;

    /// <summary>The plan for members with these records after <paramref name="arraysSubmitted"/> arrays, allowing <paramref name="retries"/> resubmissions.</summary>
    public static SlurmRetryPlan Decide(IReadOnlyList<SweepMemberRecord> records, int arraysSubmitted, int retries)
    {
        ArgumentNullException.ThrowIfNull(records);
        var missing = records.Select((r, i) => (r, i)).Where(x => x.r.Status != RunStatus.Finished).Select(x => x.i).ToList();
        if (missing.Count == 0) return new SlurmRetryPlan([], arraysSubmitted, false, true, "every member finished; nothing to resubmit");
        var used = Math.Max(0, arraysSubmitted - 1);
        if (used >= retries)
            return new SlurmRetryPlan([], arraysSubmitted, false, false,
                $"{missing.Count} member(s) did not finish ({string.Join(",", missing)}) and all {retries} retr{(retries == 1 ? "y" : "ies")} are used; run freqscope sweep collect to see why");
        var attempt = arraysSubmitted + 1;
        return new SlurmRetryPlan(missing, attempt, used + 1 < retries, false,
            $"resubmitting {missing.Count} member(s) ({string.Join(",", missing)}) as attempt {attempt} (retry {used + 1} of {retries})");
    }
}
