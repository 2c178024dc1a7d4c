using System.Globalization;
using FreqScope.Spectral;

namespace FreqScope.Experiments.ImageFit;

/// <summary>
/// image-fit's verdict sentence, from plain numbers: the PSNRs, which bands fell below ε and in what order (ties
/// named), and the spectral-bias index. "coarse to fine" is written only when every band converged and the bands
/// did so strictly from coarse to fine (<see cref="ConvergenceOrderText.Direction"/>); otherwise the sentence says
/// how many bands converged and claims no direction.
/// </summary>
internal static class ImageFitVerdict
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// E.g. "Test PSNR 10.2 → 25.3 dB (train 26.1 dB); bands converged in the order 0, 1, 2, 3 (4 of 4; ε = 0.1);
    /// spectral-bias index 1.00: coarse to fine."
    /// </summary>
    /// <param name="initialTestPsnr">Test PSNR at the first probe, dB.</param>
    /// <param name="finalTestPsnr">Test PSNR at the last probe, dB.</param>
    /// <param name="finalTrainPsnr">Training PSNR at the last probe, dB.</param>
    /// <param name="convergedAt">Each band's first step below ε (band 0 coarsest), null when it never fell below.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="index">The spectral-bias index, null when undefined.</param>
    public static string Build(double initialTestPsnr, double finalTestPsnr, double finalTrainPsnr, IReadOnlyList<long?> convergedAt, double epsilon, double? index)
    {
        int n = convergedAt.Count;
        var labels = Enumerable.Range(0, n).Select(b => b.ToString(Invariant)).ToList();
        var groups = ConvergenceOrderText.Groups(convergedAt);
        int k = groups.Sum(g => g.Items.Count);
        var never = Enumerable.Range(0, n).Where(b => convergedAt[b] is null).Select(b => labels[b]).ToList();
        string eps = epsilon.ToString("G3", Invariant);
        string order = k switch
        {
            0 => $"no band fell below ε = {eps}",
            1 => $"only band {labels[groups[0].Items[0]]} of {n} fell below ε = {eps}",
            _ when groups.Count == 1 => $"bands {ConvergenceOrderText.List([.. groups[0].Items.Select(b => labels[b])])} fell below ε together (step {groups[0].Step.ToString(Invariant)}; {k} of {n}; ε = {eps})",
            _ => $"bands converged in the order {ConvergenceOrderText.Sequence(labels, convergedAt)} ({k} of {n}; ε = {eps})",
        };
        if (k > 1 && never.Count > 0) order += $"; band{(never.Count == 1 ? "" : "s")} {ConvergenceOrderText.List(never)} did not";

        string direction = ConvergenceOrderText.Direction([.. Enumerable.Range(0, n).Select(b => (double)b)], convergedAt) switch
        {
            1 => ": coarse to fine",
            -1 => ": fine to coarse",
            _ when index is null => string.Empty,
            _ when never.Count > 0 => $" (no direction claimed: {never.Count} of {n} bands did not converge)",
            _ when groups.Count == 1 => " (no direction: every band converged at the same probe)",
            _ => " (no direction: the order is not monotone in band)",
        };
        string indexText = index is double i ? i.ToString("F2", Invariant) : "undefined";
        return string.Create(Invariant,
            $"Test PSNR {initialTestPsnr:F1} → {finalTestPsnr:F1} dB (train {finalTrainPsnr:F1} dB); {order}; spectral-bias index {indexText}{direction}.");
    }
}
