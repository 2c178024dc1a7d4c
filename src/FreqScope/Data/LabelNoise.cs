using FreqScope.Spectral;
namespace FreqScope.Data;

/// <summary>
/// Label noise whose probability varies along a scalar coordinate of the input: label i is replaced, with probability
/// ε_i = A′(1 + sin(2π f φ̃_i)), by one of the other classes drawn uniformly, where φ̃_i = rank of φ_i / (n − 1) is
/// uniform on [0, 1] (ties ranked by index), so that every f flips a fraction A′ of the labels on average, whatever
/// the distribution of φ. Deterministic for a seed.
/// </summary>
public static class LabelNoise
{
    /// <summary>The noisy labels and how many were changed.</summary>
    /// <param name="labels">The true labels.</param>
    /// <param name="classes">Number of classes (≥ 2).</param>
    /// <param name="coordinate">φ_i, one finite value per label.</param>
    /// <param name="amplitude">A′ in (0, 0.5].</param>
    /// <param name="frequency">f ≥ 0, cycles over the range of φ.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <exception cref="ArgumentException">Lengths differ, a value is out of range, or φ is constant.</exception>
    public static (byte[] Labels, int Changed) Apply(byte[] labels, int classes, double[] coordinate, double amplitude, double frequency, long seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(coordinate);
        if (coordinate.Length != labels.Length) throw new ArgumentException($"{coordinate.Length} coordinates for {labels.Length} labels", nameof(coordinate));
        if (classes < 2) throw new ArgumentException($"{classes} classes; label noise needs at least 2", nameof(classes));
        if (!(amplitude > 0 && amplitude <= 0.5)) throw new ArgumentException($"A′ = {amplitude}; expected a number in (0, 0.5]", nameof(amplitude));
        if (!(frequency >= 0) || !double.IsFinite(frequency)) throw new ArgumentException($"f = {frequency}; expected a finite number ≥ 0", nameof(frequency));
        double min = coordinate.Min(), max = coordinate.Max();
        if (!(max > min)) throw new ArgumentException("the coordinate φ is the same for every image", nameof(coordinate));
        var order = Enumerable.Range(0, labels.Length).OrderBy(i => coordinate[i]).ThenBy(i => i).ToArray();
        var rescaled = new double[labels.Length];
        for (int r = 0; r < order.Length; r++) rescaled[order[r]] = order.Length == 1 ? 0 : r / (double)(order.Length - 1);
        var random = new SplitMix64(seed);
        var result = (byte[])labels.Clone();
        int changed = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double epsilon = Probability(amplitude, frequency, rescaled[i]);
            double u = random.NextDouble();
            int other = (int)(random.NextUInt64() % (ulong)(classes - 1));
            if (u < epsilon)
            {
                result[i] = (byte)(other >= labels[i] ? other + 1 : other);
                changed++;
            }
        }

        return (result, changed);
    }

    /// <summary>ε(φ̃) = A′(1 + sin(2π f φ̃)), the flip probability at rescaled coordinate φ̃ ∈ [0, 1].</summary>
    public static double Probability(double amplitude, double frequency, double rescaled) => amplitude * (1 + Math.Sin(2 * Math.PI * frequency * rescaled));
}
