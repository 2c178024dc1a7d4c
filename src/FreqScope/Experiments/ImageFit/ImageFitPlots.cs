using System.Globalization;
using FreqScope.Core.Runs;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Experiments.ImageFit;

/// <summary>
/// Draws an <c>image-fit</c> run's figures: <c>images</c> (the image and the prediction at each snapshot, grey
/// scale over [0, 1]), <c>psnr</c> (train and test PSNR over training) and <c>band-errors</c> (relative error of
/// each radial band over training, log scale).
/// </summary>
public static class ImageFitPlots
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Writes every figure the run's data allow; returns them in report order.</summary>
    public static IReadOnlyList<PlotFile> WriteAll(ImageFitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PlotCanvas.WriteFigures(run, plotsDir, [WriteImages, WritePsnr, WriteBandErrors]);
    }

    /// <summary>The image and the predictions at the snapshot steps as grey images.</summary>
    public static PlotFile? WriteImages(ImageFitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Image.Count == 0) return null;
        var panels = new List<Plot> { Grey("image", run.Image) };
        foreach (var group in run.Predictions.GroupBy(p => p.Step).OrderBy(g => g.Key).TakeLast(5))
            panels.Add(Grey(string.Create(Invariant, $"step {group.Key}"), group.ToList()));
        return PlotCanvas.SavePanels(panels, plotsDir, "images", "Image and predictions",
            "The image (grey, [0, 1]) and the network's prediction on the full pixel grid at the snapshot steps; it trains on the pixels with i and j both even.");
    }

    private static Plot Grey(string title, IReadOnlyList<ImageFitPixelRow> pixels)
    {
        int h = pixels.Max(p => p.I) + 1, w = pixels.Max(p => p.J) + 1;
        var values = new double[h, w];
        foreach (var p in pixels) values[p.I, p.J] = Math.Clamp(p.Value, 0, 1);
        Plot plot = PlotCanvas.NewPlot(title, "", "");
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Axes.SquareUnits();
        plot.Axes.Frameless();
        plot.HideGrid();
        return plot;
    }

    /// <summary>Train and test PSNR (dB) against steps.</summary>
    public static PlotFile? WritePsnr(ImageFitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Metrics.Count == 0) return null;
        const string title = "PSNR";
        Plot plot = PlotCanvas.NewPlot(title, "step", "PSNR (dB, peak 1)");
        var steps = run.Metrics.Select(m => (double)m.Step).ToArray();
        foreach (var (values, legend, i) in new[] { (run.Metrics.Select(m => m.TrainPsnr).ToArray(), "train pixels", 0), (run.Metrics.Select(m => m.TestPsnr).ToArray(), "held-out pixels", 1) })
        {
            var line = plot.Add.ScatterLine(steps, values);
            line.LegendText = legend;
            line.Color = Palette.GetColor(i);
            line.LineWidth = 2;
        }

        plot.ShowLegend(Alignment.LowerRight);
        return PlotCanvas.Save(plot, plotsDir, "psnr", title,
            "PSNR = 10 log10(1/MSE) on the train pixels and on the held-out three quarters.");
    }

    /// <summary>Each radial band's relative error against steps, log scale, low bands dark purple to high bands green.</summary>
    public static PlotFile? WriteBandErrors(ImageFitRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Bands.Count == 0) return null;
        const string title = "Relative error per radial band of |k|";
        Plot plot = PlotCanvas.NewPlot(title, "step", "relative error (log scale)");
        var groups = run.Bands.GroupBy(b => b.Band).OrderBy(g => g.Key).ToList();
        for (int g = 0; g < groups.Count; g++)
        {
            var rows = groups[g].ToList();
            PlotCanvas.AddLogLine(plot, rows.Where(r => r.RelativeError > 0).Select(r => ((double)r.Step, r.RelativeError)),
                string.Create(Invariant, $"|k| {rows[0].Low:0.#}–{rows[0].High:0.#}"), PlotCanvas.StepColor(g, groups.Count));
        }

        if (run.Config.Probe.Epsilon > 0) PlotCanvas.AddThresholdLine(plot, Math.Log10(run.Config.Probe.Epsilon), "ε");
        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "band-errors", title,
            "Relative error sqrt(Σ|P − I|² / Σ|I|²) of the prediction's 2-D DFT P against the image's I in each radial band of |k| (cycles per image); the dotted line is ε.");
    }
}
