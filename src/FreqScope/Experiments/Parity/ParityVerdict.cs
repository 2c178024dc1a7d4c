using System.Globalization;
using FreqScope.Spectral;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// parity's verdict sentence, from plain numbers: accuracies against chance, the target's first spectral peak against
/// theory, and the order in which the radius bands fell below ε, with bands that converged at the same probe named as
/// tied (so an index computed mostly from ties says so) and bands that never converged kept out of the order.
/// </summary>
internal static class ParityVerdict
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// E.g. "Training accuracy 100.0 % (reached 100 % at step 120); test accuracy 51.0 % against a chance level of 50.0 %.
    /// The target's radial spectrum has its first peak at |k| = 4.443 (theory √d·π/2 = 4.443). Radius bands converged in
    /// the order [0, 1.5], [1.5, 3] and [3, 4.5] together (step 125), then [4.5, 6] (3 of 4 tied at one probe; spectral-bias index −0.77)."
    /// </summary>
    public static string Build(double trainAccuracy, double testAccuracy, double chance, long? fullTrainAccuracyAt, double peak, double theory,
        IReadOnlyList<ParityBandSummary> bands, double? index)
    {
        static string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        string fit = fullTrainAccuracyAt is long s ? $"reached 100 % at step {s.ToString(Invariant)}" : "never reached 100 %";
        string accuracy = $"Training accuracy {P(trainAccuracy)} ({fit}); test accuracy {P(testAccuracy)} against a chance level of {P(chance)}.";
        string spectrum = string.Create(Invariant, $"The target's radial spectrum has its first peak at |k| = {peak:0.###} (theory √d·π/2 = {theory:0.###}).");
        var labels = bands.Select(b => string.Create(Invariant, $"[{b.RadiusMin:0.##}, {b.RadiusMax:0.##}]")).ToList();
        var steps = bands.Select(b => b.ConvergedAtStep).ToList();
        var groups = ConvergenceOrderText.Groups(steps);
        int converged = groups.Sum(g => g.Items.Count);
        var never = Enumerable.Range(0, bands.Count).Where(b => steps[b] is null).Select(b => labels[b]).ToList();
        string text = converged switch
        {
            0 => "No radius band converged below ε",
            1 => $"Only the radius band {labels[groups[0].Items[0]]} converged below ε",
            _ when groups.Count == 1 => $"Radius bands {ConvergenceOrderText.List([.. groups[0].Items.Select(b => labels[b])])} converged together (step {groups[0].Step.ToString(Invariant)})",
            _ => $"Radius bands converged in the order {ConvergenceOrderText.Sequence(labels, steps)}",
        };
        if (never.Count > 0 && converged > 0) text += $"; {string.Join(", ", never)} did not";

        int tied = groups.Where(g => g.Items.Count > 1).Sum(g => g.Items.Count);
        string ties = tied > 0 && groups.Count > 1 ? $"{tied} of {bands.Count} tied at a probe; " : string.Empty;
        string indexText = index is double v ? v.ToString("+0.00;−0.00;0.00", Invariant) : "undefined";
        return $"{accuracy} {spectrum} {text} ({ties}spectral-bias index {indexText}).";
    }
}
