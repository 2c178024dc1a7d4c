using System.Globalization;
using FreqScope.Core.Runs;
using FreqScope.Spectral;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Experiments.Parity;

/// <summary>
/// Draws a <c>parity</c> run's figures (PNG, SVG and PDF, only where the data exist): <c>accuracy</c> (train and test
/// accuracy with the chance level), <c>loss</c>, <c>radial-spectra</c> (the target's and the output's shell power at
/// a few steps, the theory radius √d·π/2 marked) and <c>band-errors</c> (relative error per radius band over training).
/// </summary>
public static class ParityPlots
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Writes every figure the run's data allow; returns them in report order.</summary>
    public static IReadOnlyList<PlotFile> WriteAll(ParityRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PlotCanvas.WriteFigures(run, plotsDir, [WriteAccuracy, WriteLoss, WriteSpectra, WriteBandErrors]);
    }

    /// <summary>Train and test accuracy against steps, with the test set's majority-class fraction dotted.</summary>
    public static PlotFile? WriteAccuracy(ParityRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Metrics.Count == 0) return null;
        const string title = "Accuracy (sign of f)";
        Plot plot = PlotCanvas.NewPlot(title, "step", "accuracy");
        var steps = run.Metrics.Select(m => (double)m.Step).ToArray();
        foreach (var (values, legend, i) in new[] { (run.Metrics.Select(m => m.TrainAccuracy).ToArray(), "train", 0), (run.Metrics.Select(m => m.TestAccuracy).ToArray(), "test", 1) })
        {
            var line = plot.Add.ScatterLine(steps, values);
            line.LegendText = legend;
            line.Color = Palette.GetColor(i);
            line.LineWidth = 2;
        }

        double chance = run.Summary?.ChanceLevel ?? 0.5;
        var h = plot.Add.HorizontalLine(chance);
        h.LinePattern = LinePattern.Dotted;
        h.Color = Colors.Black;
        h.LegendText = "chance " + chance.ToString("0.###", Invariant);
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.Save(plot, plotsDir, "accuracy", title,
            "Accuracy of sign(f) on the training and test points at each probe; the dotted line is the test set's majority-class fraction (chance).");
    }

    /// <summary>Train and test MSE against steps, log scale.</summary>
    public static PlotFile? WriteLoss(ParityRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Metrics.Count == 0) return null;
        const string title = "Loss";
        Plot plot = PlotCanvas.NewPlot(title, "step", "(1/n) Σ (f − y)² (log scale)");
        PlotCanvas.AddLogLine(plot, run.Metrics.Select(m => ((double)m.Step, m.TrainLoss)), "train", Palette.GetColor(0));
        PlotCanvas.AddLogLine(plot, run.Metrics.Select(m => ((double)m.Step, m.TestLoss)), "test", Palette.GetColor(1));
        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.LowerLeft);
        return PlotCanvas.Save(plot, plotsDir, "loss", title,
            "Mean squared error (1/n) Σ (f − y)² to the ±1 labels on both sets.");
    }

    /// <summary>The target's shell power P_y(r) on the training points (black) and on all points (grey, dashed), and the output's P_f(r) at up to five steps, log scale; √d·π/2 marked.</summary>
    public static PlotFile? WriteSpectra(ParityRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Target.Count < 2) return null;
        const string title = "Radial spectrum on the training points";
        Plot plot = PlotCanvas.NewPlot(title, "|k| (radians per unit of x)", "shell power (log scale)");
        var target = PlotCanvas.AddLogLine(plot, run.Target.Select(t => (t.Radius, t.TrainPower)), "target, training points", Colors.Black);
        if (target is not null) target.LineWidth = 3;
        var all = PlotCanvas.AddLogLine(plot, run.Target.Select(t => (t.Radius, t.AllPower)), "target, all points (more directions)", Colors.Gray);
        if (all is not null)
        {
            all.LineWidth = 2;
            all.LinePattern = LinePattern.Dashed;
        }
        int shells = run.Target.Count;
        var probes = Enumerable.Range(0, run.Spectra.Count / shells).Select(p => run.Spectra.Skip(p * shells).Take(shells).ToArray()).ToArray();
        var shown = PlotCanvas.SpreadEvenly(probes, 5);
        for (int i = 0; i < shown.Length; i++)
            PlotCanvas.AddLogLine(plot, shown[i].Select(r => (r.Radius, r.OutputPower)), "output, step " + shown[i][0].Step.ToString(Invariant), PlotCanvas.StepColor(i, shown.Length));
        var v = plot.Add.VerticalLine(RadialSpectrum.ParityTheoryRadius(run.Config.Data.Dimension));
        v.LinePattern = LinePattern.Dashed;
        v.Color = Colors.Red;
        v.LegendText = "√d·π/2";
        // The vertical range follows the training-point curves: on the whole cube the target's power falls to rounding
        // (10⁻³⁰) near r = 0 and would squeeze everything else.
        var shownValues = run.Target.Select(t => t.TrainPower).Concat(shown.SelectMany(p => p.Select(r => r.OutputPower))).Where(x => x > 0 && double.IsFinite(x)).ToArray();
        if (shownValues.Length > 0)
        {
            double low = Math.Floor(Math.Log10(shownValues.Min())) - 1, high = Math.Log10(shownValues.Max()) + 0.5;
            plot.Axes.SetLimitsY(low, Math.Max(high, low + 1));
        }

        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.Save(plot, plotsDir, "radial-spectra", title,
            "Shell power P(r) = mean over the probe's directions u of |(1/n) Σ_i v_i e^{−i r u·x_i}|² on the training points: the target (black), the target on all the run's points with probe.targetDirections directions (grey, dashed; its peak is the summary's) and the network's output at a few steps; the dashed line is the theory radius √d·π/2 where Π sin² k_j is largest.");
    }

    /// <summary>log10 of each band's relative error over the probes (bands.csv).</summary>
    public static PlotFile? WriteBandErrors(ParityRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Bands is not { Count: > 0 } rows) return null;
        var steps = rows.Select(r => r.Step).Distinct().ToArray();
        int bands = rows.Max(r => r.Band) + 1;
        if (steps.Length < 2) return null;
        var columns = PlotCanvas.SpreadEvenly(steps, 240);
        var byKey = rows.ToDictionary(r => (r.Step, r.Band), r => r.RelativeError);
        var values = new double[bands, columns.Length];
        for (int b = 0; b < bands; b++)
            for (int c = 0; c < columns.Length; c++)
            {
                // A cell a probe did not write (a running run's last probe) is left blank.
                double e = byKey.TryGetValue((columns[c], b), out double v) ? v : double.NaN;
                values[b, c] = e > 0 && double.IsFinite(e) ? Math.Clamp(Math.Log10(e), -3, 1) : double.NaN;
            }

        var labels = Enumerable.Range(0, bands).Select(b =>
        {
            var r = rows.First(x => x.Band == b);
            return string.Create(Invariant, $"[{r.RadiusMin:0.#}, {r.RadiusMax:0.#}]");
        }).ToArray();
        const string title = "Relative error per radius band";
        Plot plot = PlotCanvas.DrawHeatmap(values, columns, title, "step", "|k| band", labels, new ScottPlot.Range(-3, 1), "log10 relative error", null);
        return PlotCanvas.Save(plot, plotsDir, "band-errors", title,
            "log10 of each radius band's relative error √(Σ P_{f−y} / Σ P_y) over training (clamped to [−3, 1]); low bands hold little of the target's power.");
    }
}
