using System.Globalization;

namespace FreqScope.Spectral;

/// <summary>
/// Words for a measured convergence order that never say more than the steps show: items that first converged at
/// the same step are named as tied, items that never converged are never placed in the order, and a direction
/// ("low to high", "coarse to fine") is claimed only when every item converged and the order is strictly monotone.
/// </summary>
/// <remarks>
/// Works on plain arrays: <c>labels[i]</c> names item <c>i</c>, <c>steps[i]</c> is its first-convergence step (or
/// epoch; null when it never converged) and, for <see cref="Direction"/>, <c>frequencies[i]</c> is its frequency in
/// any monotone unit. Items with equal steps keep the order they are given in (callers pass them by ascending
/// frequency).
/// </remarks>
public static class ConvergenceOrderText
{
    /// <summary>
    /// The converged items grouped by first-convergence step, earliest group first; within a group, items keep the
    /// order they are given in.
    /// </summary>
    /// <param name="steps">Each item's first-convergence step, null if it never converged.</param>
    /// <returns>For each distinct step, the step and the positions of the items that converged at it.</returns>
    public static IReadOnlyList<(long Step, IReadOnlyList<int> Items)> Groups(IReadOnlyList<long?> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return [.. Enumerable.Range(0, steps.Count)
            .Where(i => steps[i] is not null)
            .GroupBy(i => steps[i]!.Value)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<int>)[.. g]))];
    }

    /// <summary>Whether two or more converged items share a first-convergence step.</summary>
    public static bool HasTies(IReadOnlyList<long?> steps) => Groups(steps).Any(g => g.Items.Count > 1);

    /// <summary>
    /// The converged items in order, ties named: <c>"1, 3, 5"</c> when every step differs; <c>"1, then 3 and 5
    /// together (step 120), then 7"</c> when some are tied. Empty when nothing converged.
    /// </summary>
    /// <param name="labels">Each item's label.</param>
    /// <param name="steps">Each item's first-convergence step, null if never; same count.</param>
    /// <param name="stepWord">The unit of <paramref name="steps"/> in the text: <c>step</c> or <c>epoch</c>.</param>
    /// <param name="separator">Between successive groups; null for <c>", "</c> (<c>", then "</c> once a tie appears),
    /// e.g. <c>" → "</c> for a table cell.</param>
    public static string Sequence(IReadOnlyList<string> labels, IReadOnlyList<long?> steps, string stepWord = "step", string? separator = null)
    {
        CheckCounts(labels, steps);
        var groups = Groups(steps);
        if (groups.All(g => g.Items.Count == 1))
        {
            return string.Join(separator ?? ", ", groups.Select(g => labels[g.Items[0]]));
        }

        return string.Join(separator ?? ", then ", groups.Select(g => g.Items.Count == 1
            ? labels[g.Items[0]]
            : $"{List(g.Items.Select(i => labels[i]).ToList())} together ({stepWord} {g.Step.ToString(CultureInfo.InvariantCulture)})"));
    }

    /// <summary>
    /// The direction the measured order supports: +1 when every item converged, at two or more distinct steps, and
    /// each later group's frequencies all lie above every earlier group's (low to high); −1 for the mirror image
    /// (high to low); 0 otherwise (some item never converged, all tied, or the order is not monotone).
    /// </summary>
    /// <param name="frequencies">Each item's frequency, in any monotone unit.</param>
    /// <param name="steps">Each item's first-convergence step, null if never; same count.</param>
    public static int Direction(IReadOnlyList<double> frequencies, IReadOnlyList<long?> steps)
    {
        CheckCounts(frequencies, steps);
        if (steps.Count < 2 || steps.Any(s => s is null))
        {
            return 0;
        }

        var groups = Groups(steps);
        if (groups.Count < 2)
        {
            return 0;
        }

        bool rising = true, falling = true;
        for (int g = 1; g < groups.Count; g++)
        {
            double prevMax = groups[g - 1].Items.Max(i => frequencies[i]);
            double prevMin = groups[g - 1].Items.Min(i => frequencies[i]);
            double min = groups[g].Items.Min(i => frequencies[i]);
            double max = groups[g].Items.Max(i => frequencies[i]);
            rising &= min > prevMax;
            falling &= max < prevMin;
        }

        return rising ? 1 : falling ? -1 : 0;
    }

    /// <summary>Items joined as English lists: <c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    public static string List(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
        };
    }

    private static void CheckCounts<T>(IReadOnlyList<T> items, IReadOnlyList<long?> steps)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(steps);
        if (items.Count != steps.Count)
        {
            throw new ArgumentException($"{items.Count} items but {steps.Count} convergence steps.", nameof(steps));
        }
    }
}
