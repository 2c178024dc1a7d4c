using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Theory;

namespace FreqScope.Experiments.Fit1d;

/// <summary>The one-hidden-layer theory (<see cref="OneHiddenLayerTheory"/>) applied to a fit1d run's peaks.</summary>
public static class FitTheory
{
    /// <summary>
    /// The <c>theory</c> section of summary.json for a fit1d run with <paramref name="model"/> whose peaks are
    /// <paramref name="peaks"/> (frequencies in cycles per unit of x, converted to angular k = 2π ξ). Peaks at
    /// frequency 0 are left out (the transform is a distribution there); the section is skipped, with the reason, when
    /// <see cref="OneHiddenLayerTheory.SkipReason"/> says so or no peak has a non-zero frequency.
    /// </summary>
    public static TheorySummary Summarize(ModelConfig model, IReadOnlyList<PeakSummary> peaks)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(peaks);
        TheorySummary skipped = new() { HiddenLayers = model.Hidden.Count, Activation = JsonNames.Of(model.Activation) };
        if (OneHiddenLayerTheory.SkipReason(model) is string reason) return skipped with { Skipped = reason };
        PeakSummary[] used = [.. peaks.Where(p => p.Frequency != 0 && double.IsFinite(p.Frequency))];
        if (used.Length == 0) return skipped with { Skipped = "the target has no peak at a non-zero frequency" };

        FirstLayerWeights weights = OneHiddenLayerTheory.FirstLayerWeightsOf(model);
        double[] k = [.. used.Select(p => 2 * Math.PI * p.Frequency)];
        int lowest = Array.IndexOf(k, k.MinBy(Math.Abs));
        long? anchor = used[lowest].ConvergedAtStep;
        IReadOnlyList<PeakPrediction> predictions = OneHiddenLayerTheory.Predict(model.Activation, weights, k, anchor);
        long?[] measured = [.. used.Select(p => p.ConvergedAtStep)];
        return skipped with
        {
            FirstLayerWeights = FirstLayerWeightsSummary.From(weights, OneHiddenLayerTheory.DescribeFirstLayerInit(model)),
            AnchorIndex = used[lowest].Index,
            Peaks = [.. used.Select((p, i) => new TheoryPeakSummary(p.Index, k[i], predictions[i].RelativePriority, predictions[i].Log10RelativePriority, predictions[i].PredictedStep, p.ConvergedAtStep))],
            Spearman = OneHiddenLayerTheory.Spearman(predictions, measured),
        };
    }
}
