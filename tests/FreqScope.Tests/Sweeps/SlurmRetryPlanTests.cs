using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Sweeps;

namespace FreqScope.Tests.Sweeps;

public sealed class SlurmRetryPlanTests
{
    private static SweepMemberRecord[] Records(params string[] statuses) =>
        [.. statuses.Select((s, i) => new SweepMemberRecord { Name = $"m-{i:000}", Label = $"seed={i}", Values = new Dictionary<string, string>(), Status = s })];

    [Fact]
    public void MembersThatFailedOrNeverFinishedAreResubmittedWhileRetriesAreLeft()
    {
        var records = Records(RunStatus.Finished, RunStatus.Failed, SweepRunner.Pending, RunStatus.Interrupted, RunStatus.Running, RunStatus.Finished);
        var first = SlurmRetryPlan.Decide(records, arraysSubmitted: 1, retries: 2);
        Assert.True(first.Resubmit);
        Assert.Equal([1, 2, 3, 4], first.Indices);
        Assert.Equal(2, first.Attempt);
        Assert.True(first.ChainAnotherRetry);
        Assert.False(first.AllFinished);

        // The second and last retry: no further retry job follows it.
        var second = SlurmRetryPlan.Decide(Records(RunStatus.Finished, RunStatus.Failed), arraysSubmitted: 2, retries: 2);
        Assert.Equal([1], second.Indices);
        Assert.Equal(3, second.Attempt);
        Assert.False(second.ChainAnotherRetry);

        // Retries used up: nothing resubmitted, and the reason says which members are missing.
        var exhausted = SlurmRetryPlan.Decide(Records(RunStatus.Finished, RunStatus.Failed), arraysSubmitted: 3, retries: 2);
        Assert.False(exhausted.Resubmit);
        Assert.False(exhausted.AllFinished);
        Assert.Contains("all 2 retries are used", exhausted.Reason);
        Assert.Contains("(1)", exhausted.Reason);
    }

    [Fact]
    public void NothingIsResubmittedWhenAllFinishedOrRetriesAreZero()
    {
        var done = SlurmRetryPlan.Decide(Records(RunStatus.Finished, RunStatus.Finished), arraysSubmitted: 1, retries: 1);
        Assert.True(done.AllFinished);
        Assert.False(done.Resubmit);
        var none = SlurmRetryPlan.Decide(Records(RunStatus.Failed), arraysSubmitted: 1, retries: 0);
        Assert.False(none.Resubmit);
        Assert.Contains("all 0 retries are used", none.Reason);
    }
}
