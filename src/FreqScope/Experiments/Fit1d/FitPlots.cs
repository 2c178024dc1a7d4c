using System.Globalization;
using FreqScope.Core;
using FreqScope.Core.Config;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Theory;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Experiments.Fit1d;

/// <summary>
/// Draws the run's figures with ScottPlot 5, each saved (atomically) as PNG (900×560 at 2×), SVG and PDF into a plots folder:
/// <c>fit</c>, <c>spectrum</c>, <c>peaks-heatmap</c>, <c>all-k-heatmap</c>, <c>loss</c> and (two panels,
/// 1240×560) <c>theory</c>.
/// </summary>
public static class FitPlots
{
    /// <summary>Width of every figure in pixels.</summary>
    public const int Width = PlotCanvas.Width;

    /// <summary>Height of every figure in pixels.</summary>
    public const int Height = PlotCanvas.Height;

    /// <summary>The most output spectra drawn in the spectrum figure.</summary>
    public const int MaxSpectrumCurves = 5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes every figure the run's data allows (fit needs outputs.csv; the others need probe rows).</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into; created if absent.</param>
    /// <returns>The figures written, in report order.</returns>
    public static IReadOnlyList<PlotFile> WriteAll(FitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PlotCanvas.WriteFigures(run, plotsDir, [WriteFit, WriteSpectrum, WritePeaksHeatmap, WriteAllKHeatmap, WriteLoss, WriteTheory]);
    }

    /// <summary>Target (thick black) and network output at each snapshot step of outputs.csv, over x.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when outputs.csv is absent or empty.</returns>
    public static PlotFile? WriteFit(FitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        long[] steps = run.SnapshotSteps;
        if (run.Outputs is null || steps.Length == 0)
        {
            return null;
        }

        const string title = "Network output vs target";
        Plot plot = NewPlot(title, "x", "y");
        OutputRow[] first = [.. run.Outputs.Where(r => r.Step == steps[0]).OrderBy(r => r.X)];
        var target = plot.Add.ScatterLine(first.Select(r => r.X).ToArray(), first.Select(r => r.Target).ToArray());
        target.Color = Colors.Black;
        target.LineWidth = 4;
        target.LegendText = "target";

        for (int i = 0; i < steps.Length; i++)
        {
            OutputRow[] rows = [.. run.Outputs.Where(r => r.Step == steps[i]).OrderBy(r => r.X)];
            var output = plot.Add.ScatterLine(rows.Select(r => r.X).ToArray(), rows.Select(r => r.Output).ToArray());
            output.Color = StepColor(i, steps.Length);
            output.LineWidth = 2;
            output.LegendText = "step " + steps[i].ToString(Invariant);
        }

        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "fit", title,
            "Target (thick black) and network output over the evaluation grid x at the snapshot steps of outputs.csv, coloured from early (dark purple) to late (green).");
    }

    /// <summary>
    /// One-sided |DFT| against k: the target and the network output at up to <see cref="MaxSpectrumCurves"/> steps
    /// (snapshot steps when outputs.csv exists, else probe steps, spread evenly), with the target's peaks marked.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when spectra.csv has no rows.</returns>
    public static PlotFile? WriteSpectrum(FitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        long[] probeSteps = run.ProbeSteps;
        if (probeSteps.Length == 0)
        {
            return null;
        }

        long[] candidates = [.. run.SnapshotSteps.Intersect(probeSteps).Order()];
        long[] shown = SpreadEvenly(candidates.Length > 0 ? candidates : probeSteps, MaxSpectrumCurves);

        const string title = "Spectrum of target and network output";
        Plot plot = NewPlot(title, "k (DFT index)", "|DFT|");
        SpectrumRow[] targetRows = [.. run.Spectra.Where(r => r.Step == probeSteps[0]).OrderBy(r => r.K)];
        double[] ks = [.. targetRows.Select(r => (double)r.K)];
        var target = plot.Add.ScatterLine(ks, targetRows.Select(r => r.TargetAbs).ToArray());
        target.Color = Colors.Black;
        target.LineWidth = 4;
        target.LegendText = "target |ŷ_k|";

        for (int i = 0; i < shown.Length; i++)
        {
            SpectrumRow[] rows = [.. run.Spectra.Where(r => r.Step == shown[i]).OrderBy(r => r.K)];
            var output = plot.Add.ScatterLine(rows.Select(r => (double)r.K).ToArray(), rows.Select(r => r.OutputAbs).ToArray());
            output.Color = StepColor(i, shown.Length);
            output.LineWidth = 2;
            output.MarkerSize = 5;
            output.LegendText = "|ĥ_k| step " + shown[i].ToString(Invariant);
        }

        Dictionary<int, double> targetAbs = targetRows.GroupBy(r => r.K).ToDictionary(g => g.Key, g => g.First().TargetAbs);
        IEnumerable<(int K, double Abs)> peaks = run.Summary is not null
            ? run.Summary.Peaks.Select(p => (p.Index, p.TargetAbs))
            : HeatmapMatrix.PeakIndices(run).Select(k => (k, targetAbs.GetValueOrDefault(k)));
        PlotCanvas.AddPeakMarkers(plot, peaks.Select(p => ((double)p.K, p.Abs, "k=" + p.K.ToString(Invariant))));

        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "spectrum", title,
            $"One-sided |DFT| against k of the target (black) and of the network output at up to {MaxSpectrumCurves} snapshot steps; red circles mark the target's peaks.");
    }

    /// <summary>Heatmap of Δ_F (clipped to [0, 1]) over (peak, probe step), with a colorbar; the title states ε.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when there are no peaks or no probe steps.</returns>
    public static PlotFile? WritePeaksHeatmap(FitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        HeatmapMatrix matrix = HeatmapMatrix.ForPeaks(run);
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            return null;
        }

        string title = $"Relative error Δ_F at the target peaks ({ErrorFormText(run)}, ε = {EpsilonText(run)})";
        Plot plot = DrawHeatmap(matrix, title, "peak k (DFT index)", labelEveryRow: true);
        return PlotCanvas.Save(plot, plotsDir, "peaks-heatmap", title,
            $"Relative error Δ_F (spectra.csv column {run.DeltaColumn}) at each target peak (rows, labelled by k) and probe step (columns); colour clipped to [0, 1]. A peak has converged where Δ_F < ε = {CaptionEpsilon(run)}. Under the Frequency Principle the low-k rows darken (Δ_F falls) first.");
    }

    /// <summary>Heatmap of Δ_F (clipped to [0, 1]) over (every kept k, probe step), with a colorbar.</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when spectra.csv has no rows.</returns>
    public static PlotFile? WriteAllKHeatmap(FitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        HeatmapMatrix matrix = HeatmapMatrix.ForAllKept(run);
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            return null;
        }

        string title = $"Relative error Δ_F at every kept k ({ErrorFormText(run)}, ε = {EpsilonText(run)})";
        Plot plot = DrawHeatmap(matrix, title, "k (DFT index)", labelEveryRow: matrix.RowCount <= 12);
        return PlotCanvas.Save(plot, plotsDir, "all-k-heatmap", title,
            $"Relative error Δ_F (column {run.DeltaColumn}) at every kept DFT index k and probe step, clipped to [0, 1]; grey cells are undefined (NaN). Indices where the target has no energy show as 1 (Δ_F = ∞).");
    }

    /// <summary>Train and test loss against step on a log scale (non-positive or non-finite losses are left out).</summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when metrics.csv has no rows.</returns>
    public static PlotFile? WriteLoss(FitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Metrics.Count == 0)
        {
            return null;
        }

        const string title = "Training and test loss";
        Plot plot = NewPlot(title, "step", "MSE loss (log scale)");
        PlotCanvas.AddLogLine(plot, run.Metrics.Select(m => ((double)m.Step, m.TrainLoss)), "train loss", Colors.Blue);
        PlotCanvas.AddLogLine(plot, run.Metrics.Select(m => ((double)m.Step, m.TestLoss)), "test loss", Colors.OrangeRed);
        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "loss", title,
            "Mean squared error on the training points (train) and on the evaluation grid (test) against step, log scale; non-positive losses are left out.");
    }

    /// <summary>The activations whose predictions and spectra the theory figure always shows (the issue asks for tanh and ReLU).</summary>
    public static readonly IReadOnlyList<Activation> TheoryComparison = [Activation.Tanh, Activation.Relu];

    /// <summary>
    /// The one-hidden-layer theory figure, two panels. (a) Convergence step against angular frequency k (radians per
    /// unit of x), log scale: the measured steps of the converged peaks (black dots) and the predicted steps
    /// s₀ · P(k₀)/P(k), anchored at the lowest peak's measured step s₀, as curves over k₀ ≤ k ≤ k_max for the run's
    /// activation (with its peaks marked) and for tanh and ReLU with the same first-layer weights. (b) The activation
    /// spectra |σ̂(ξ)| (ξ in cycles per unit of the pre-activation, log scale) of tanh, ReLU and the run's activation,
    /// with dotted lines at ξ = k/(2π σ), where a neuron with |w| = σ (the first-layer weight std) sees each peak.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plotsDir">The folder to write into.</param>
    /// <returns>The figure, or null when the run has no theory (<see cref="FitRunData.Theory"/> null, skipped, or no peaks).</returns>
    public static PlotFile? WriteTheory(FitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        TheorySummary? theory = run.Theory;
        if (theory is null || theory.Skipped is not null || theory.FirstLayerWeights is null || theory.Peaks.Count == 0
            || theory.Activation is null || !JsonNames.TryParse(theory.Activation, out Activation activation))
        {
            return null;
        }

        FirstLayerWeights weights = theory.FirstLayerWeights.ToWeights();
        TheoryPeakSummary[] peaks = [.. theory.Peaks.OrderBy(p => Math.Abs(p.AngularFrequency))];
        double k0 = Math.Abs(peaks[0].AngularFrequency);
        double kMax = Math.Abs(peaks[^1].AngularFrequency);
        long? anchor = theory.Peaks.FirstOrDefault(p => p.Index == theory.AnchorIndex)?.MeasuredStep;
        Activation[] shown = [activation, .. TheoryComparison.Where(a => a != activation)];
        // (a) measured vs predicted convergence steps.
        string titleA = anchor is > 0
            ? "(a) Measured vs one-hidden-layer prediction"
            : "(a) Convergence step (no prediction: lowest peak " + (anchor is null ? "never converged)" : "converged at step 0)");
        Plot a = NewPlot(titleA, "angular frequency k (rad per unit x)", "convergence step (log scale)");
        if (anchor is long s0 && s0 > 0)
        {
            double[] grid = [.. Enumerable.Range(0, TheoryGridPoints).Select(i => k0 + ((kMax - k0) * i / (TheoryGridPoints - 1)))];
            for (int c = 0; c < shown.Length; c++)
            {
                IReadOnlyList<PeakPrediction> curve = OneHiddenLayerTheory.Predict(shown[c], weights, grid, null);
                var line = a.Add.ScatterLine(grid, curve.Select(p => Math.Log10(s0) - p.Log10RelativePriority).ToArray());
                line.Color = TheoryColor(c);
                line.LineWidth = c == 0 ? 3 : 2;
                line.LinePattern = c == 0 ? LinePattern.Solid : LinePattern.Dashed;
                line.LegendText = ActivationName(shown[c]) + (c == 0 ? " predicted (this run)" : " predicted");
            }

            var predicted = a.Add.ScatterPoints(
                peaks.Select(p => Math.Abs(p.AngularFrequency)).ToArray(),
                peaks.Select(p => Math.Log10(s0) - p.Log10RelativePriority).ToArray());
            predicted.Color = TheoryColor(0);
            predicted.MarkerShape = MarkerShape.OpenCircle;
            predicted.MarkerSize = 14;
        }

        TheoryPeakSummary[] converged = [.. peaks.Where(p => p.MeasuredStep is > 0)];
        if (converged.Length > 0)
        {
            var measured = a.Add.ScatterPoints(
                converged.Select(p => Math.Abs(p.AngularFrequency)).ToArray(),
                converged.Select(p => Math.Log10(p.MeasuredStep!.Value)).ToArray());
            measured.Color = Colors.Black;
            measured.MarkerShape = MarkerShape.FilledCircle;
            measured.MarkerSize = 10;
            measured.LegendText = "measured (Δ_F < ε)";
        }

        PlotCanvas.UseLogTicks(a);
        a.ShowLegend(Alignment.UpperLeft);

        // (b) activation spectra.
        double xiPeakMax = kMax / (2 * Math.PI * weights.Std);
        double xiMax = Math.Max(1, 1.15 * xiPeakMax);
        Plot b = NewPlot("(b) Activation spectra |σ̂(ξ)|", "ξ (cycles per unit of pre-activation)", "|σ̂(ξ)| (log scale)");
        double[] xis = [.. Enumerable.Range(1, TheoryGridPoints).Select(i => xiMax * i / TheoryGridPoints)];
        for (int c = 0; c < shown.Length; c++)
        {
            var line = b.Add.ScatterLine(xis, xis.Select(x => ActivationSpectrum.LogMagnitude(shown[c], x) / Math.Log(10)).ToArray());
            line.Color = TheoryColor(c);
            line.LineWidth = c == 0 ? 3 : 2;
            line.LinePattern = c == 0 ? LinePattern.Solid : LinePattern.Dashed;
            line.LegendText = ActivationName(shown[c]) + (c == 0 ? " (this run)" : string.Empty);
        }

        bool first = true;
        foreach (TheoryPeakSummary p in peaks)
        {
            var v = b.Add.VerticalLine(Math.Abs(p.AngularFrequency) / (2 * Math.PI * weights.Std));
            v.Color = Colors.Gray;
            v.LineWidth = 1.5f;
            v.LinePattern = LinePattern.Dotted;
            if (first)
            {
                v.LegendText = "ξ = k/(2πσ) at the peaks";
                first = false;
            }
        }

        PlotCanvas.UseLogTicks(b);
        b.ShowLegend(Alignment.UpperRight);

        const string title = "One-hidden-layer theory: predicted vs measured convergence steps, and activation spectra";
        return PlotCanvas.SavePanels([a, b], plotsDir, "theory", title,
            "(a) Measured convergence step of each peak (black dots; Δ_F < ε) against its angular frequency k, and the one-hidden-layer predictions s_lowest · P(k_lowest)/P(k) anchored at the lowest peak, for this run's activation (red, solid; circles at the peaks) and for tanh and ReLU with the same first-layer weights (dashed). (b) The activation spectra |σ̂(ξ)| (ξ in cycles per unit of the pre-activation); dotted lines mark ξ = k/(2πσ), where a neuron whose weight is one standard deviation σ sees each peak. Both y axes are logarithmic.");
    }

    /// <summary>Points per curve of the theory figure.</summary>
    private const int TheoryGridPoints = 60;

    private static Color TheoryColor(int i) => i switch
    {
        0 => Colors.Red,
        1 => Colors.Blue,
        _ => Colors.Green,
    };

    private static string ActivationName(Activation activation) => activation switch
    {
        Activation.Relu => "ReLU",
        Activation.LeakyRelu => "leaky ReLU",
        Activation.Gelu => "GELU",
        _ => JsonNames.Of(activation),
    };

    /// <summary>Formats a log10 tick position as a power of ten, e.g. −3 → 10⁻³ (<see cref="PlotCanvas.PowerOfTen"/>).</summary>
    public static string PowerOfTen(double exponent) => PlotCanvas.PowerOfTen(exponent);

    private static Plot DrawHeatmap(HeatmapMatrix matrix, string title, string yLabel, bool labelEveryRow)
    {
        Plot plot = NewPlot(title, "step", yLabel);
        long[] steps = [.. matrix.Steps];

        // Columns sit at their step when probes are evenly spaced, else at their index with step labels.
        (double left, double right, ScottPlot.TickGenerators.NumericManual? xTicks) = PlotCanvas.ColumnLayout(steps);

        // Rows sit at their k when the indices are contiguous (all kept k), else at their row number with k labels.
        int[] ks = [.. matrix.RowIndices];
        bool contiguous = ks.Zip(ks.Skip(1), (a, b) => b - a).All(d => d == 1);
        double bottom = contiguous ? ks[0] - 0.5 : -0.5;
        double top = contiguous ? ks[^1] + 0.5 : ks.Length - 0.5;

        PlotCanvas.AddHeatmap(plot, matrix.ToArray(), new CoordinateRect(left, right, bottom, top), new ScottPlot.Range(0, 1),
            "Δ_F (clipped to [0, 1])", PlotCanvas.UnitIntervalTicks());

        if (xTicks is not null)
        {
            plot.Axes.Bottom.TickGenerator = xTicks;
        }

        if (labelEveryRow || !contiguous)
        {
            ScottPlot.TickGenerators.NumericManual yTicks = new();
            int stride = Math.Max(1, (int)Math.Ceiling(ks.Length / 16.0));
            for (int r = 0; r < ks.Length; r += stride)
            {
                yTicks.AddMajor(contiguous ? ks[r] : r, ks[r].ToString(Invariant));
            }

            plot.Axes.Left.TickGenerator = yTicks;
        }

        plot.Axes.SetLimits(left, right, bottom, top);
        return plot;
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel) => PlotCanvas.NewPlot(title, xLabel, yLabel);


    private static Color StepColor(int i, int count) => PlotCanvas.StepColor(i, count);

    private static T[] SpreadEvenly<T>(T[] items, int max) => PlotCanvas.SpreadEvenly(items, max);

    private static string ErrorFormText(FitRunData run) => run.ErrorForm == "magnitude" ? "magnitude error" : "complex error";

    private static string EpsilonText(FitRunData run) =>
        run.Epsilon is double epsilon ? epsilon.ToString("G4", Invariant) : "not set";

    private static string CaptionEpsilon(FitRunData run) =>
        ReportHtml.Number(run.Epsilon);
}
