using FreqScope.Data;
using FreqScope.Spectral;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// The points of a parity run and their labels y = Π_j x_j: vertex number v ∈ [0, 2^d) is the point with
/// x_j = +1 where bit j of v is set and −1 elsewhere. All 2^d vertex numbers are shuffled by Fisher–Yates with
/// <see cref="SplitMix64"/>(seed); the first n are the run's points, the first TrainCount of those the training set.
/// </summary>
/// <param name="Train">Training points, d coordinates each.</param>
/// <param name="TrainLabels">Their parities.</param>
/// <param name="Test">Test points.</param>
/// <param name="TestLabels">Their parities.</param>
public sealed record ParitySplit(double[][] Train, double[] TrainLabels, double[][] Test, double[] TestLabels)
{
    /// <summary>Draws the points and the split of <paramref name="data"/> for <paramref name="seed"/>.</summary>
    public static ParitySplit Create(ParityDataConfig data, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        int all = 1 << data.Dimension;
        var order = new int[all];
        for (int v = 0; v < all; v++) order[v] = v;
        var random = new SplitMix64(seed);
        for (int i = all - 1; i > 0; i--)
        {
            int j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        double[] Point(int v) => [.. Enumerable.Range(0, data.Dimension).Select(j => (v >> j & 1) == 1 ? 1.0 : -1.0)];
        var train = order[..data.TrainCount].Select(Point).ToArray();
        var test = order[data.TrainCount..data.Count].Select(Point).ToArray();
        return new ParitySplit(train, train.Select(Parity).ToArray(), test, test.Select(Parity).ToArray());
    }

    /// <summary>Π_j x_j.</summary>
    public static double Parity(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        double p = 1;
        foreach (var v in x) p *= v;
        return p;
    }

    /// <summary>The fraction of <paramref name="labels"/> in the majority class: the accuracy of always guessing it.</summary>
    public static double MajorityFraction(IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int plus = labels.Count(v => v > 0);
        return Math.Max(plus, labels.Count - plus) / (double)labels.Count;
    }
}
