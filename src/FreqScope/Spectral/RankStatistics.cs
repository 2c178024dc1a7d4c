namespace FreqScope.Spectral;

/// <summary>Ranks and Spearman's rank correlation, with ties given their average rank.</summary>
public static class RankStatistics
{
    /// <summary>
    /// 1-based ranks in ascending order of value; tied values all get the average of the ranks they span
    /// (e.g. [10, 20, 20, 30] → [1, 2.5, 2.5, 4]). Infinities rank at the ends.
    /// </summary>
    /// <param name="values">The values to rank; none may be NaN.</param>
    /// <returns>The rank of each value, in the input order.</returns>
    /// <exception cref="ArgumentException">A value is NaN.</exception>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new ArgumentException($"Cannot rank NaN (position {i}).", nameof(values));
            }

            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = values[a].CompareTo(values[b]);
            return c != 0 ? c : a.CompareTo(b);
        });

        var ranks = new double[n];
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && values[order[end]] == values[order[start]])
            {
                end++;
            }

            // Positions start..end-1 (0-based) hold ranks start+1..end; their average is (start + 1 + end) / 2.
            var average = (start + 1 + end) / 2.0;
            for (var p = start; p < end; p++)
            {
                ranks[order[p]] = average;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>
    /// Spearman's rank correlation ρ: the Pearson correlation of the average ranks of
    /// <paramref name="a"/> and <paramref name="b"/> (exact with ties), in [−1, 1].
    /// </summary>
    /// <param name="a">First sample; none may be NaN.</param>
    /// <param name="b">Second sample, paired with <paramref name="a"/>; none may be NaN.</param>
    /// <returns>ρ, or <see cref="double.NaN"/> when n &lt; 2 or either rank vector has zero variance (all tied).</returns>
    /// <exception cref="ArgumentException">The samples differ in length or contain NaN.</exception>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"The samples differ in length ({a.Count} and {b.Count}).", nameof(b));
        }

        var n = a.Count;
        if (n < 2)
        {
            return double.NaN;
        }

        var ra = Ranks(a);
        var rb = Ranks(b);

        // Both rank vectors have mean (n + 1) / 2 whatever the ties.
        var mean = (n + 1) / 2.0;
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            var da = ra[i] - mean;
            var db = rb[i] - mean;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        if (saa == 0 || sbb == 0)
        {
            return double.NaN;
        }

        return Math.Clamp(sab / Math.Sqrt(saa * sbb), -1.0, 1.0);
    }
}
