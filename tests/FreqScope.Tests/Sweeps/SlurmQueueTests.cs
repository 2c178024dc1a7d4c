using FreqScope.Sweeps;

namespace FreqScope.Tests.Sweeps;

public sealed class SlurmQueueTests
{
    [Fact]
    public void SacctParsable2OutputGivesEachArrayTaskItsStateAndSkipsSteps()
    {
        // Recorded from sacct --parsable2 --noheader --format=JobID,State on a cluster with accounting.
        const string sacct = """
            4711_0|COMPLETED
            4711_0.batch|COMPLETED
            4711_0.extern|COMPLETED
            4711_1|FAILED
            4711_1.batch|FAILED
            4711_2|CANCELLED by 0
            4711_[3-5,8]|PENDING
            4712|PENDING

            garbage line
            """;
        var states = SlurmQueue.Parse(sacct);
        Assert.Equal("COMPLETED", states["4711_0"]);
        Assert.Equal("FAILED", states["4711_1"]);
        Assert.Equal("CANCELLED", states["4711_2"]);
        foreach (var i in new[] { 3, 4, 5, 8 }) Assert.Equal("PENDING", states[$"4711_{i}"]);
        Assert.False(states.ContainsKey("4711_6"));
        Assert.Equal("PENDING", states["4712"]);
        Assert.Equal(8, states.Count);
    }

    [Fact]
    public void SqueueOutputWithAThrottledRangeIsExpanded()
    {
        // Recorded from squeue --noheader --array --states=all --format=%i|%T (slurm 22.05).
        const string squeue = "1_[2-3%1]|PENDING\n1_1|RUNNING\n1_0|COMPLETED\n2|PENDING\n";
        var states = SlurmQueue.Parse(squeue);
        Assert.Equal(["1_0:COMPLETED", "1_1:RUNNING", "1_2:PENDING", "1_3:PENDING", "2:PENDING"],
            states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}:{s.Value}"));
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 5, 0, 2, 1, 7, 8 }, "0-2,5,7-8")]
    [InlineData(new[] { 4 }, "4")]
    public void IndicesAreWrittenAsCompactRangesAndReadBack(int[] indices, string ranges)
    {
        Assert.Equal(ranges, SlurmQueue.FormatRanges(indices));
        Assert.Equal(indices.Order(), SlurmQueue.ExpandRanges(ranges));
    }
}
