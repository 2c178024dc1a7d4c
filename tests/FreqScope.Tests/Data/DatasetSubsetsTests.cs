using FreqScope.Data;

namespace FreqScope.Tests.Data;

public sealed class DatasetSubsetsTests
{
    private static readonly byte[] Labels = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7 % 10)).ToArray();

    [Fact]
    public void FirstIsThePrefix()
    {
        Assert.Equal([0, 1, 2, 3], DatasetSubsets.First(10, 4));
        Assert.Empty(DatasetSubsets.First(10, 0));
    }

    [Fact]
    public void RandomIsDeterministicDistinctSortedAndSeedDependent()
    {
        var a = DatasetSubsets.Random(1000, 100, 42);
        Assert.Equal(a, DatasetSubsets.Random(1000, 100, 42));
        Assert.NotEqual(a, DatasetSubsets.Random(1000, 100, 43));
        Assert.Equal(100, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.All(a, i => Assert.InRange(i, 0, 999));
        Assert.Equal(Enumerable.Range(0, 7), DatasetSubsets.Random(7, 7, 1));
    }

    [Fact]
    public void RandomIsRoughlyUniform()
    {
        // 2000 draws of 10 out of 20: every index is chosen with probability 1/2, i.e. about 1000 times (sd ≈ 22).
        var hits = new int[20];
        for (int seed = 0; seed < 2000; seed++)
            foreach (var i in DatasetSubsets.Random(20, 10, seed)) hits[i]++;
        Assert.All(hits, h => Assert.InRange(h, 880, 1120));
    }

    [Fact]
    public void BalancedGivesExactCountsPerClassWithTheRemainderToTheLowestClasses()
    {
        var s = DatasetSubsets.Balanced(Labels, 10, 73, 5);
        Assert.Equal(73, s.Length);
        Assert.Equal(s.Order(), s);
        Assert.Equal(73, s.Distinct().Count());
        var perClass = new int[10];
        foreach (var i in s) perClass[Labels[i]]++;
        Assert.Equal([8, 8, 8, 7, 7, 7, 7, 7, 7, 7], perClass);

        Assert.Equal(s, DatasetSubsets.Balanced(Labels, 10, 73, 5));
        Assert.NotEqual(s, DatasetSubsets.Balanced(Labels, 10, 73, 6));
    }

    [Fact]
    public void BalancedNamesAClassWithTooFewMembers()
    {
        var labels = Labels.Select(l => l == 4 ? (byte)5 : l).ToArray();
        labels[0] = 4; // class 4 now has one member
        var e = Assert.Throws<ArgumentException>(() => DatasetSubsets.Balanced(labels, 10, 30, 0));
        Assert.Contains("class 4 has 1 images but a balanced subset of 30 over 10 classes needs 3 of it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountAboveAvailableNamesBothNumbers()
    {
        foreach (var call in new Func<int[]>[]
                 {
                     () => DatasetSubsets.First(5, 6),
                     () => DatasetSubsets.Random(5, 6, 0),
                     () => DatasetSubsets.Balanced(new byte[5], 10, 6, 0),
                 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Contains("asked for 6 images but 5 are available", e.Message, StringComparison.Ordinal);
        }
    }
}
