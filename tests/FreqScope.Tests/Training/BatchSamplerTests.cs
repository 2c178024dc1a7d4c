using FreqScope.Training;

namespace FreqScope.Tests.Training;

public sealed class BatchSamplerTests
{
    [Fact]
    public void EachEpochVisitsEveryIndexExactlyOnce()
    {
        var s = new BatchSampler(10, 3, 42);
        for (int epoch = 0; epoch < 5; epoch++)
        {
            var seen = new List<int>();
            var sizes = new List<int>();
            for (int b = 0; b < 4; b++)
            {
                var batch = s.Next();
                sizes.Add(batch.Length);
                seen.AddRange(batch);
            }
            Assert.Equal([3, 3, 3, 1], sizes);
            Assert.Equal(Enumerable.Range(0, 10), seen.Order());
        }
    }

    [Fact]
    public void SameSeedSameBatchesDifferentSeedDifferentBatches()
    {
        var a = new BatchSampler(50, 7, 1);
        var b = new BatchSampler(50, 7, 1);
        var c = new BatchSampler(50, 7, 2);
        var ra = Enumerable.Range(0, 20).SelectMany(_ => a.Next()).ToArray();
        Assert.Equal(ra, Enumerable.Range(0, 20).SelectMany(_ => b.Next()).ToArray());
        Assert.NotEqual(ra, Enumerable.Range(0, 20).SelectMany(_ => c.Next()).ToArray());
    }

    [Fact]
    public void SavedStateContinuesTheSameStream()
    {
        var a = new BatchSampler(13, 4, 9);
        for (int i = 0; i < 6; i++) a.Next();
        var (state, perm, pos) = a.Save();
        var expected = Enumerable.Range(0, 12).SelectMany(_ => a.Next()).ToArray();
        var b = new BatchSampler(13, 4, 12345);
        b.Restore(state, perm, pos);
        Assert.Equal(expected, Enumerable.Range(0, 12).SelectMany(_ => b.Next()).ToArray());
    }

    [Fact]
    public void BatchAsLargeAsTheDataIsTheFullBatchInOrder()
    {
        var s = new BatchSampler(5, 8, 3);
        Assert.True(s.IsFullBatch);
        Assert.Equal([0, 1, 2, 3, 4], s.Next());
    }
}
