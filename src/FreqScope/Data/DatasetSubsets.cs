using FreqScope.Spectral;
namespace FreqScope.Data;

/// <summary>
/// Chooses which images of a data set to use. Every method returns distinct indices in ascending order; the random
/// ones depend only on their arguments (they draw from <see cref="SplitMix64"/>, never from <see cref="Random"/>).
/// </summary>
public static class DatasetSubsets
{
    /// <summary>The first <paramref name="count"/> indices: 0, 1, …, count − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than <paramref name="available"/>.</exception>
    public static int[] First(int available, int count)
    {
        CheckCount(available, count);
        return Enumerable.Range(0, count).ToArray();
    }

    /// <summary>
    /// <paramref name="count"/> indices drawn uniformly without replacement from 0 … <paramref name="available"/> − 1
    /// (the first <paramref name="count"/> steps of a Fisher–Yates shuffle seeded with <paramref name="seed"/>), sorted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than <paramref name="available"/>.</exception>
    public static int[] Random(int available, int count, long seed)
    {
        CheckCount(available, count);
        var pool = Enumerable.Range(0, available).ToArray();
        var chosen = TakeShuffled(pool, count, new SplitMix64(seed));
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>
    /// <paramref name="count"/> indices with each class equally represented: ⌊count / classes⌋ per class, and one
    /// more for each of the lowest (count mod classes) class numbers. Within a class, members are taken in a random
    /// order seeded with <paramref name="seed"/> (classes drawn in turn, 0 first, from one generator). Sorted.
    /// </summary>
    /// <param name="labels">The label of every image.</param>
    /// <param name="classes">The number of classes; every label must be below it.</param>
    /// <param name="count">How many indices to return in all.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than the number of labels, or <paramref name="classes"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A label is not below <paramref name="classes"/>, or a class has too few members (the message names it).</exception>
    public static int[] Balanced(byte[] labels, int classes, int count, long seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        CheckCount(labels.Length, count);

        var members = new List<int>[classes];
        for (int c = 0; c < classes; c++) members[c] = [];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classes)
            {
                throw new ArgumentException($"label {labels[i]} of image {i} is not below the {classes} classes", nameof(labels));
            }

            members[labels[i]].Add(i);
        }

        int perClass = count / classes, extra = count % classes;
        for (int c = 0; c < classes; c++)
        {
            int quota = perClass + (c < extra ? 1 : 0);
            if (members[c].Count < quota)
            {
                throw new ArgumentException(
                    $"class {c} has {members[c].Count} images but a balanced subset of {count} over {classes} classes needs {quota} of it", nameof(count));
            }
        }

        var rng = new SplitMix64(seed);
        var chosen = new List<int>(count);
        for (int c = 0; c < classes; c++)
        {
            chosen.AddRange(TakeShuffled(members[c].ToArray(), perClass + (c < extra ? 1 : 0), rng));
        }

        var result = chosen.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>The first <paramref name="count"/> elements of a Fisher–Yates shuffle of <paramref name="pool"/> (which it reorders).</summary>
    private static int[] TakeShuffled(int[] pool, int count, SplitMix64 rng)
    {
        for (int i = 0; i < count; i++)
        {
            int j = i + UniformBelow(rng, pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..count];
    }

    /// <summary>A uniform integer in [0, <paramref name="n"/>), without modulo bias (rejection sampling).</summary>
    private static int UniformBelow(SplitMix64 rng, int n)
    {
        ulong bound = (ulong)n;
        ulong limit = ulong.MaxValue - (ulong.MaxValue % bound + 1) % bound;
        ulong x;
        do x = rng.NextUInt64();
        while (x > limit);
        return (int)(x % bound);
    }

    private static void CheckCount(int available, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(available);
        if (count < 0 || count > available)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"asked for {count} images but {available} are available; expected 0 to {available}");
        }
    }
}
