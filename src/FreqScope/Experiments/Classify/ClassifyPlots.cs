using System.Globalization;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Experiments.Classify;

/// <summary>
/// Draws a <c>classify</c> run's figures with ScottPlot 5, each saved (atomically) as PNG (900×560 at 2×), SVG and PDF into a
/// plots folder, only where the data exist: <c>accuracy</c> and <c>loss</c> (metrics.csv); <c>filtering</c>,
/// <c>filtering-low-heatmap</c> and <c>filtering-high-heatmap</c> (filtering.csv); <c>projection-spectrum</c>,
/// <c>projection-peaks-heatmap</c> (needs the summary's peaks) and <c>projection-all-heatmap</c> (projection.csv).
/// </summary>
public static class ClassifyPlots
{
    /// <summary>The most output spectra drawn in the projection spectrum figure.</summary>
    public const int MaxSpectrumCurves = 5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes every figure the run's data allow.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into; created if absent.</param>
    /// <returns>The figures written, in report order.</returns>
    public static IReadOnlyList<PlotFile> WriteAll(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(plotsDir);
        return PlotCanvas.WriteFigures(run, plotsDir,
        [
            WriteAccuracy, WriteLoss, WriteFiltering, WriteFilteringLowHeatmap, WriteFilteringHighHeatmap,
            WriteProjectionSpectrum, WriteProjectionPeaksHeatmap, WriteProjectionAllHeatmap, WritePathSpectra, WritePathHighFraction,
        ]);
    }

    /// <summary>
    /// The interpolation-path spectrum: the mean power spectral density of s(t) within and between classes (log scale)
    /// at the first and the last probed epoch.
    /// </summary>
    public static PlotFile? WritePathSpectra(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Paths is not { Count: > 0 } rows) return null;
        int[] epochs = [.. rows.Select(r => r.Epoch).Distinct().Order()];
        int[] shown = epochs.Length == 1 ? epochs : [epochs[0], epochs[^1]];
        const string title = "Interpolation-path spectrum";
        Plot plot = PlotCanvas.NewPlot(title, "frequency along the path (cycles per unit input distance)", "power spectral density (log scale)");
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (kind, colour) in new[] { (PathProbeKinds.Within, palette.GetColor(0)), (PathProbeKinds.Between, palette.GetColor(1)) })
        {
            foreach (int epoch in shown)
            {
                var line = PlotCanvas.AddLogLine(plot, rows.Where(r => r.Kind == kind && r.Epoch == epoch && r.Frequency > 0).Select(r => (r.Frequency, r.Density)),
                    $"{kind}, epoch {epoch}", colour);
                if (line is not null && epoch == shown[0] && shown.Length > 1)
                {
                    line.LinePattern = LinePattern.Dashed;
                    line.LineWidth = 1.5f;
                }
            }
        }

        if (run.Summary?.Paths is { } paths) plot.Add.VerticalLine(paths.Cutoff, 1.5f, Colors.Black, LinePattern.Dotted).LegendText = "cutoff";
        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "path-spectra", title,
            $"Interpolation-path spectrum: the power spectral density of s(t) = ‖p(t) − p(0)‖₂ (softmax outputs p at points {ReportHtml.Number(run.Summary?.Paths?.Spacing)} apart along the straight path between two test images), averaged over the pairs of the same class and of different classes, at the first (dashed) and last probed epoch; the dotted line is the cutoff.");
    }

    /// <summary>
    /// Two panels against epoch, within and between classes: the share of the path-spectrum power above the cutoff,
    /// and that power itself (log scale). Needs summary.json for the cutoff.
    /// </summary>
    public static PlotFile? WritePathHighFraction(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Summary?.Paths is not { Epochs.Count: > 0 } paths) return null;
        var palette = new ScottPlot.Palettes.Category10();
        double[] x = [.. paths.Epochs.Select(e => (double)e.Epoch)];
        Plot share = PlotCanvas.NewPlot("Share of power above the cutoff", "epoch", "power above the cutoff / total power");
        Plot power = PlotCanvas.NewPlot("Power above the cutoff", "epoch", "Σ PSD δf above the cutoff (log scale)");
        foreach (var (label, shares, powers, colour) in new[]
                 {
                     ("within classes", paths.Epochs.Select(e => e.WithinHighFraction).ToArray(), paths.Epochs.Select(e => e.WithinHighPower).ToArray(), palette.GetColor(0)),
                     ("between classes", paths.Epochs.Select(e => e.BetweenHighFraction).ToArray(), paths.Epochs.Select(e => e.BetweenHighPower).ToArray(), palette.GetColor(1)),
                 })
        {
            var kept = x.Zip(shares).Where(p => double.IsFinite(p.Second)).ToArray();
            if (kept.Length == 0) continue;
            var line = share.Add.ScatterLine(kept.Select(p => p.First).ToArray(), kept.Select(p => p.Second).ToArray());
            line.Color = colour;
            line.LineWidth = 2;
            line.LegendText = label;
            PlotCanvas.AddLogLine(power, x.Zip(powers).Select(p => (p.First, p.Second)), label, colour);
        }

        share.ShowLegend(Alignment.UpperRight);
        PlotCanvas.UseLogTicks(power);
        power.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.SavePanels([share, power], plotsDir, "path-high-fraction", "High-frequency part of the path spectrum over training",
            "Left: the share of the path-spectrum power above the cutoff against epoch, within and between classes. Right: that power itself, Σ PSD δf above the cutoff (log scale), the part of the variance of s(t) carried by high frequencies.");
    }

    /// <summary>Train and test accuracy against epoch.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when metrics.csv has no rows.</returns>
    public static PlotFile? WriteAccuracy(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Metrics.Count == 0)
        {
            return null;
        }

        const string title = "Training and test accuracy";
        Plot plot = PlotCanvas.NewPlot(title, "epoch", "accuracy");
        ClassifyMetricRow[] rows = [.. run.Metrics.OrderBy(r => r.Epoch)];
        double[] epochs = [.. rows.Select(r => (double)r.Epoch)];
        AddLine(plot, epochs, [.. rows.Select(r => r.TrainAccuracy)], "train accuracy", Colors.Blue, LinePattern.Solid);
        AddLine(plot, epochs, [.. rows.Select(r => r.TestAccuracy)], "test accuracy", Colors.OrangeRed, LinePattern.Solid);
        double[] all = [.. rows.SelectMany(r => new[] { r.TrainAccuracy, r.TestAccuracy }).Where(double.IsFinite)];
        if (all.Length > 0 && all.Min() >= 0 && all.Max() <= 1)
        {
            plot.Axes.AutoScale();
            plot.Axes.SetLimitsY(0, 1.02);
        }

        plot.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.Save(plot, plotsDir, "accuracy", title,
            "Classification accuracy on the training set and on the test set against epoch (epoch 0 is the network before training).");
    }

    /// <summary>Train and test loss against epoch on a log scale (non-positive or non-finite losses are left out).</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when metrics.csv has no rows.</returns>
    public static PlotFile? WriteLoss(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Metrics.Count == 0)
        {
            return null;
        }

        const string title = "Training and test loss";
        Plot plot = PlotCanvas.NewPlot(title, "epoch", "loss (log scale)");
        ClassifyMetricRow[] rows = [.. run.Metrics.OrderBy(r => r.Epoch)];
        PlotCanvas.AddLogLine(plot, rows.Select(m => ((double)m.Epoch, m.TrainLoss)), "train loss", Colors.Blue);
        PlotCanvas.AddLogLine(plot, rows.Select(m => ((double)m.Epoch, m.TestLoss)), "test loss", Colors.OrangeRed);
        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "loss", title,
            "Mean loss on the training set and on the test set against epoch, log scale; non-positive losses are left out.");
    }

    /// <summary>
    /// The filtering method: e_low (solid) and e_high (dashed) against epoch, one colour per δ, with the summary's
    /// threshold as a horizontal line when summary.json has one.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when filtering.csv is absent or empty.</returns>
    public static PlotFile? WriteFiltering(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Filtering is not { Count: > 0 } filtering)
        {
            return null;
        }

        const string title = "Filtering method: relative error of the low and high frequency parts";
        Plot plot = PlotCanvas.NewPlot(title, "epoch", "relative error e");
        ScottPlot.Palettes.Category10 palette = new();
        double[] deltas = run.FilteringDeltas;
        for (int i = 0; i < deltas.Length; i++)
        {
            FilteringRow[] rows = [.. filtering.Where(r => r.Delta == deltas[i]).OrderBy(r => r.Epoch)];
            double[] epochs = [.. rows.Select(r => (double)r.Epoch)];
            Color color = palette.GetColor(i);
            string delta = DeltaText(deltas[i]);
            AddLine(plot, epochs, [.. rows.Select(r => r.LowError)], $"e_low, δ = {delta}", color, LinePattern.Solid);
            AddLine(plot, epochs, [.. rows.Select(r => r.HighError)], $"e_high, δ = {delta}", color, LinePattern.Dashed);
        }

        if (run.Summary?.Filtering is { } summary && double.IsFinite(summary.Threshold))
        {
            PlotCanvas.AddThresholdLine(plot, summary.Threshold, "threshold " + summary.Threshold.ToString("G4", Invariant));
        }

        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "filtering", title,
            $"Filtering method: relative error of the low-frequency part e_low (solid) and of the high-frequency part e_high (dashed) against epoch, one colour per δ (the Gaussian filter's variance){CaptionThreshold(run)}. Under the Frequency Principle e_low falls first.");
    }

    /// <summary>Heatmap of e_low over (δ, epoch); same colour scale as <see cref="WriteFilteringHighHeatmap"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when filtering.csv is absent or empty.</returns>
    public static PlotFile? WriteFilteringLowHeatmap(ClassifyRunData run, string plotsDir) =>
        WriteFilteringHeatmap(run, plotsDir, low: true);

    /// <summary>Heatmap of e_high over (δ, epoch); same colour scale as <see cref="WriteFilteringLowHeatmap"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when filtering.csv is absent or empty.</returns>
    public static PlotFile? WriteFilteringHighHeatmap(ClassifyRunData run, string plotsDir) =>
        WriteFilteringHeatmap(run, plotsDir, low: false);

    /// <summary>
    /// The colour range both filtering heatmaps use: from 0 to the largest finite e_low or e_high (1 when there is none).
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The upper end of the range.</returns>
    public static double FilteringColorMax(ClassifyRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        double[] values = [.. (run.Filtering ?? []).SelectMany(r => new[] { r.LowError, r.HighError }).Where(double.IsFinite)];
        double max = values.Length == 0 ? 1.0 : values.Max();
        return max > 0 ? max : 1.0;
    }

    /// <summary>
    /// |ŷ(k)| of the target (thick black) and of the network output at up to <see cref="MaxSpectrumCurves"/> epochs
    /// (see <see cref="SpectrumEpochs"/>) against frequency, with the summary's peaks marked.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when projection.csv is absent or empty.</returns>
    public static PlotFile? WriteProjectionSpectrum(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        int[] epochs = run.ProjectionEpochs;
        if (run.Projection is not { Count: > 0 } projection)
        {
            return null;
        }

        string title = "Spectrum along the projection direction";
        string yLabel = run.Summary?.Projection?.Component is int component ? $"|ŷ(k)| (output component {component})" : "|ŷ(k)| (norm over the outputs)";
        Plot plot = PlotCanvas.NewPlot(title, "frequency (cycles per unit of the projected coordinate)", yLabel);
        ProjectionRow[] targetRows = [.. projection.Where(r => r.Epoch == epochs[0]).OrderBy(r => r.Frequency)];
        AddLine(plot, [.. targetRows.Select(r => r.Frequency)], [.. targetRows.Select(r => r.TargetAbs)], "target", Colors.Black, LinePattern.Solid, 4);

        int[] shown = SpectrumEpochs(epochs);
        for (int i = 0; i < shown.Length; i++)
        {
            ProjectionRow[] rows = [.. projection.Where(r => r.Epoch == shown[i]).OrderBy(r => r.Frequency)];
            var output = plot.Add.ScatterLine(rows.Select(r => r.Frequency).ToArray(), rows.Select(r => r.OutputAbs).ToArray());
            output.Color = PlotCanvas.StepColor(i, shown.Length);
            output.LineWidth = 2;
            output.MarkerSize = 4;
            output.LegendText = "output, epoch " + shown[i].ToString(Invariant);
        }

        PlotCanvas.AddPeakMarkers(plot, (run.Summary?.Projection?.Peaks ?? []).Select(p => (p.Frequency, p.TargetAbs, FrequencyText(p.Frequency))));

        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "projection-spectrum", title,
            $"Projection method: |ŷ(k)| of the target (black) and of the network output at up to {MaxSpectrumCurves} epochs (first, geometrically spaced, last) against frequency along the projection direction; red circles mark the target's peaks.");
    }

    /// <summary>Heatmap of Δ_F (clipped to [0, 1]) over (summary peak, epoch), lowest frequency at the bottom.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when projection.csv or the summary's projection peaks are absent.</returns>
    public static PlotFile? WriteProjectionPeaksHeatmap(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        EpochHeatmapMatrix matrix = EpochHeatmapMatrix.ProjectionPeaks(run);
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            return null;
        }

        string title = $"Relative error Δ_F at the target peaks ({ErrorFormText(run)}, ε = {EpsilonText(run)})";
        Plot plot = DrawHeatmap(matrix, title, "peak frequency", FrequencyLabels(run, matrix), new ScottPlot.Range(0, 1),
            "Δ_F (clipped to [0, 1])", PlotCanvas.UnitIntervalTicks());
        return PlotCanvas.Save(plot, plotsDir, "projection-peaks-heatmap", title,
            $"Relative error Δ_F (projection.csv column {run.DeltaColumn}) at each target peak (rows, lowest frequency at the bottom) and epoch (columns); colour clipped to [0, 1]. A peak has converged where Δ_F < ε = {CaptionEpsilon(run)}.");
    }

    /// <summary>Heatmap of Δ_F (clipped to [0, 1]) over (every frequency of the grid, epoch), lowest frequency at the bottom.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when projection.csv is absent or empty.</returns>
    public static PlotFile? WriteProjectionAllHeatmap(ClassifyRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        EpochHeatmapMatrix matrix = EpochHeatmapMatrix.ProjectionAll(run);
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            return null;
        }

        string title = $"Relative error Δ_F at every frequency ({ErrorFormText(run)}, ε = {EpsilonText(run)})";
        Plot plot = DrawHeatmap(matrix, title, "frequency", FrequencyLabels(run, matrix), new ScottPlot.Range(0, 1),
            "Δ_F (clipped to [0, 1])", PlotCanvas.UnitIntervalTicks());
        return PlotCanvas.Save(plot, plotsDir, "projection-all-heatmap", title,
            $"Relative error Δ_F (column {run.DeltaColumn}) at every frequency of the grid (lowest at the bottom) and epoch, clipped to [0, 1]; grey cells are undefined (NaN).");
    }

    /// <summary>
    /// The epochs whose output spectrum is drawn: all when there are at most <see cref="MaxSpectrumCurves"/>;
    /// otherwise the first, the last, and in between the epochs nearest (on a log scale) to a geometric sequence
    /// from the first epoch after the first to the last.
    /// </summary>
    /// <param name="epochs">The probed epochs, increasing.</param>
    /// <returns>The chosen epochs, increasing and distinct.</returns>
    public static int[] SpectrumEpochs(IReadOnlyList<int> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        int[] all = [.. epochs.Distinct().Order()];
        if (all.Length <= MaxSpectrumCurves)
        {
            return all;
        }

        int[] inner = all[1..^1];
        double low = Math.Max(1, inner[0]);
        double high = Math.Max(low, all[^1]);
        int between = MaxSpectrumCurves - 2;
        SortedSet<int> chosen = [all[0], all[^1]];
        for (int j = 0; j < between; j++)
        {
            double target = low * Math.Pow(high / low, j / (double)between);
            int nearest = inner
                .Where(e => !chosen.Contains(e))
                .OrderBy(e => Math.Abs(Math.Log(Math.Max(1, e)) - Math.Log(target)))
                .ThenBy(e => e)
                .FirstOrDefault(-1);
            if (nearest >= 0)
            {
                chosen.Add(nearest);
            }
        }

        return [.. chosen];
    }

    private static PlotFile? WriteFilteringHeatmap(ClassifyRunData run, string plotsDir, bool low)
    {
        ArgumentNullException.ThrowIfNull(run);
        EpochHeatmapMatrix matrix = low ? EpochHeatmapMatrix.FilteringLow(run) : EpochHeatmapMatrix.FilteringHigh(run);
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            return null;
        }

        string part = low ? "low" : "high";
        string title = $"Filtering: e_{part} over (δ, epoch), colour scale shared with e_{(low ? "high" : "low")}";
        string[] labels = [.. matrix.RowKeys.Select(DeltaText)];
        double max = FilteringColorMax(run);
        Plot plot = DrawHeatmap(matrix, title, "δ (variance of the Gaussian filter)", labels, new ScottPlot.Range(0, max),
            $"e_{part}", null);
        return PlotCanvas.Save(plot, plotsDir, $"filtering-{part}-heatmap", title,
            $"e_{part} over δ (rows, smallest at the bottom) and epoch (columns); same colour scale as the e_{(low ? "high" : "low")} heatmap.");
    }

    private static Plot DrawHeatmap(
        EpochHeatmapMatrix matrix,
        string title,
        string yLabel,
        string[] rowLabels,
        ScottPlot.Range range,
        string colorbarLabel,
        ScottPlot.TickGenerators.NumericManual? colorTicks) => PlotCanvas.DrawHeatmap(
            matrix.ToArray(), [.. matrix.Epochs.Select(e => (long)e)], title, "epoch", yLabel, rowLabels, range, colorbarLabel, colorTicks);

    private static string[] FrequencyLabels(ClassifyRunData run, EpochHeatmapMatrix matrix)
    {
        Dictionary<int, double> frequencyOf = (run.Projection ?? [])
            .GroupBy(r => r.Index)
            .ToDictionary(g => g.Key, g => g.First().Frequency);
        return [.. matrix.RowKeys.Select(k => frequencyOf.TryGetValue((int)k, out double f) ? FrequencyText(f) : "?")];
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, string legend, Color color, LinePattern pattern, float width = 2)
    {
        if (xs.Length == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(xs, ys);
        line.Color = color;
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.LegendText = legend;
    }

    private static string DeltaText(double delta) => delta.ToString("G3", Invariant);

    private static string FrequencyText(double frequency) => frequency.ToString("G3", Invariant);

    private static string ErrorFormText(ClassifyRunData run) => run.ErrorForm == "magnitude" ? "magnitude error" : "complex error";

    private static string EpsilonText(ClassifyRunData run) =>
        run.Summary?.Projection?.Epsilon is double epsilon ? epsilon.ToString("G4", Invariant) : "not set";

    private static string CaptionThreshold(ClassifyRunData run) =>
        run.Summary?.Filtering is { } f ? "; the dotted line is the threshold " + ReportHtml.Number(f.Threshold) : string.Empty;

    private static string CaptionEpsilon(ClassifyRunData run) =>
        ReportHtml.Number(run.Summary?.Projection?.Epsilon);
}
