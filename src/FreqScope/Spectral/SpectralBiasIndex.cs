using System.Globalization;

namespace FreqScope.Spectral;

/// <summary>
/// Summarises the Frequency Principle in one number: does the network learn low frequencies first?
/// </summary>
/// <remarks>
/// The index is Spearman's rank correlation between each peak's frequency and the step at which its relative error
/// first fell below ε (<see cref="PeakConvergence.ConvergedAtStep"/>). Peaks that never converged rank after every
/// converged one, tied among themselves. +1 means the peaks converged strictly from low to high frequency, −1 strictly
/// from high to low. The peaks are identified by their DFT index k (see <see cref="Dft.Frequency"/>); any monotone
/// frequency unit gives the same index.
/// </remarks>
public static class SpectralBiasIndex
{
    /// <summary>
    /// Spearman rank correlation between peak frequency and first-convergence step, never-converged peaks (null)
    /// ranked last and tied among themselves.
    /// </summary>
    /// <param name="frequencies">Each peak's frequency (or DFT index), in any monotone unit.</param>
    /// <param name="convergedAtSteps">Each peak's first-convergence step, null if it never converged; same count.</param>
    /// <returns>The index in [−1, 1], or null when it is undefined (fewer than 2 peaks, or all frequencies or all steps tied).</returns>
    /// <exception cref="ArgumentException">The counts differ, or a frequency is NaN.</exception>
    public static double? Compute(IReadOnlyList<double> frequencies, IReadOnlyList<long?> convergedAtSteps)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        ArgumentNullException.ThrowIfNull(convergedAtSteps);
        if (frequencies.Count != convergedAtSteps.Count)
        {
            throw new ArgumentException(
                $"{frequencies.Count} frequencies but {convergedAtSteps.Count} convergence steps.", nameof(convergedAtSteps));
        }

        var steps = new double[convergedAtSteps.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            // +∞ is larger than every converged step, so never-converged peaks rank last, tied among themselves.
            steps[i] = convergedAtSteps[i] is { } s ? s : double.PositiveInfinity;
        }

        var rho = RankStatistics.Spearman(frequencies, steps);
        return double.IsNaN(rho) ? null : rho;
    }

    /// <summary>
    /// The peak indices sorted by first-convergence step; never-converged peaks come last; ties (same step, or
    /// both never converged) are broken by the smaller index first.
    /// </summary>
    /// <param name="peakIndices">DFT indices k of the peaks.</param>
    /// <param name="convergedAtSteps">Each peak's first-convergence step, null if it never converged; same count.</param>
    /// <returns>The peak indices in convergence order.</returns>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static IReadOnlyList<int> ConvergenceOrder(IReadOnlyList<int> peakIndices, IReadOnlyList<long?> convergedAtSteps)
    {
        CheckCounts(peakIndices, convergedAtSteps);
        var positions = Enumerable.Range(0, peakIndices.Count).ToArray();
        Array.Sort(positions, (a, b) =>
        {
            var sa = convergedAtSteps[a];
            var sb = convergedAtSteps[b];
            int c;
            if (sa is null)
            {
                c = sb is null ? 0 : 1;
            }
            else
            {
                c = sb is null ? -1 : sa.Value.CompareTo(sb.Value);
            }

            return c != 0 ? c : peakIndices[a].CompareTo(peakIndices[b]);
        });

        return Array.ConvertAll(positions, p => peakIndices[p]);
    }

    /// <summary>
    /// A one-sentence verdict listing the DFT indices k in convergence order, with the index formatted with an
    /// explicit sign and two decimals (invariant culture), or "undefined" when <paramref name="index"/> is null:
    /// <list type="bullet">
    /// <item>all converged: "Frequencies converged in the order 1, 3, 5 (spectral-bias index +1.00)."
    /// (one peak: "Frequency 1 converged (spectral-bias index undefined).");</item>
    /// <item>some never converged: "Frequencies 1, 3 converged in that order; 5 did not converge (spectral-bias index +1.00)."
    /// (one converged: "Frequency 3 converged; 1, 5 did not converge (…).");</item>
    /// <item>some converged at the same step: the ties are named, e.g. "Frequencies converged in the order 1, then 3
    /// and 5 together (step 120) (…)." or "Frequencies 1, 3 and 5 converged together (step 120) (…).";</item>
    /// <item>none converged (or no peaks): "No frequency peak converged below ε during the run."</item>
    /// </list>
    /// </summary>
    /// <param name="order">Peak indices in convergence order, from <see cref="ConvergenceOrder"/>.</param>
    /// <param name="index">The spectral-bias index from <see cref="Compute"/>; null when undefined.</param>
    /// <param name="convergedAtSteps">Each peak's first-convergence step (aligned with <paramref name="peakIndices"/>), null if never.</param>
    /// <param name="peakIndices">DFT indices k of the peaks.</param>
    /// <returns>The sentence.</returns>
    /// <exception cref="ArgumentException">The counts differ, or <paramref name="order"/> names an index not in <paramref name="peakIndices"/>.</exception>
    public static string Verdict(
        IReadOnlyList<int> order,
        double? index,
        IReadOnlyList<long?> convergedAtSteps,
        IReadOnlyList<int> peakIndices)
    {
        ArgumentNullException.ThrowIfNull(order);
        CheckCounts(peakIndices, convergedAtSteps);

        var converged = new List<int>();
        var notConverged = new List<int>();
        foreach (var k in order)
        {
            var position = IndexOf(peakIndices, k);
            if (position < 0)
            {
                throw new ArgumentException($"order names k = {k}, which is not among the peak indices.", nameof(order));
            }

            (convergedAtSteps[position] is null ? notConverged : converged).Add(k);
        }

        if (converged.Count == 0)
        {
            return "No frequency peak converged below ε during the run.";
        }

        var suffix = index is { } value && !double.IsNaN(value)
            ? $"(spectral-bias index {value.ToString("+0.00;-0.00;+0.00", CultureInfo.InvariantCulture)})."
            : "(spectral-bias index undefined).";
        var convergedList = string.Join(", ", converged);
        if (converged.Count > 1 && ConvergenceOrderText.HasTies(convergedAtSteps))
        {
            // Ties are named: the order is given in groups, each tied group with its step.
            var byOrder = converged.Select(k => convergedAtSteps[IndexOf(peakIndices, k)]).ToList();
            var labels = converged.Select(k => k.ToString(CultureInfo.InvariantCulture)).ToList();
            var groups = ConvergenceOrderText.Groups(byOrder);
            var ordered = groups.Count == 1
                ? $"Frequencies {ConvergenceOrderText.List(labels)} converged together (step {groups[0].Step.ToString(CultureInfo.InvariantCulture)})"
                : $"Frequencies converged in the order {ConvergenceOrderText.Sequence(labels, byOrder)}";
            return notConverged.Count == 0
                ? $"{ordered} {suffix}"
                : $"{ordered}; {string.Join(", ", notConverged)} did not converge {suffix}";
        }

        if (notConverged.Count == 0)
        {
            return converged.Count == 1
                ? $"Frequency {convergedList} converged {suffix}"
                : $"Frequencies converged in the order {convergedList} {suffix}";
        }

        var head = converged.Count == 1
            ? $"Frequency {convergedList} converged"
            : $"Frequencies {convergedList} converged in that order";
        return $"{head}; {string.Join(", ", notConverged)} did not converge {suffix}";
    }

    private static int IndexOf(IReadOnlyList<int> peakIndices, int k)
    {
        for (var i = 0; i < peakIndices.Count; i++)
        {
            if (peakIndices[i] == k)
            {
                return i;
            }
        }

        return -1;
    }

    private static void CheckCounts(IReadOnlyList<int> peakIndices, IReadOnlyList<long?> convergedAtSteps)
    {
        ArgumentNullException.ThrowIfNull(peakIndices);
        ArgumentNullException.ThrowIfNull(convergedAtSteps);
        if (peakIndices.Count != convergedAtSteps.Count)
        {
            throw new ArgumentException(
                $"{peakIndices.Count} peak indices but {convergedAtSteps.Count} convergence steps.", nameof(convergedAtSteps));
        }
    }
}
