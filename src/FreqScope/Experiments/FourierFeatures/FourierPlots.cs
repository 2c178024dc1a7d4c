using System.Globalization;
using System.Numerics;
using FreqScope.Core.Runs;
using FreqScope.Experiments;
using FreqScope.Reporting;
using ScottPlot;

namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// Draws a <c>fourier-features</c> run's figures (PNG, SVG and PDF, only where the data exist): <c>peak-errors</c>
/// (relative error at the target's peaks, network and PDE), <c>spectrum-heatmaps</c> (|R(ξ, t)| of the network and
/// of the PDE side by side on one colour scale), <c>spectra</c> (|R(ξ)| at a few steps, and the density ρ(ξ) with
/// the peaks), <c>loss</c> and <c>fit</c>.
/// </summary>
public static class FourierPlots
{
    /// <summary>The most probe columns a heatmap shows (spread evenly over the probes).</summary>
    public const int MaxHeatmapColumns = 240;

    /// <summary>How many decades below the step-0 maximum the heatmaps' colour scale reaches.</summary>
    public const double HeatmapDecades = 4;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Writes every figure the run's data allow; returns them in report order.</summary>
    public static IReadOnlyList<PlotFile> WriteAll(FourierRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PlotCanvas.WriteFigures(run, plotsDir, [WritePeakErrors, WriteHeatmaps, WriteSpectra, WriteLoss, WriteFit]);
    }

    /// <summary>Relative error |R(ξ_p)|/|ŷ(ξ_p)| of each peak against steps (log scale): network solid, PDE thin with markers; ε dotted.</summary>
    public static PlotFile? WritePeakErrors(FourierRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Peaks is not { Count: > 0 } peaks) return null;
        const string title = "Relative error at the target's peaks";
        Plot plot = PlotCanvas.NewPlot(title, "gradient-descent step", "|R(ξ)| / |ŷ(ξ)| (log scale)");
        var xis = peaks.Select(p => p.Xi).Distinct().Order().ToArray();
        for (int i = 0; i < xis.Length; i++)
        {
            var rows = peaks.Where(p => p.Xi == xis[i]).OrderBy(p => p.Step).ToArray();
            var color = Palette.GetColor(i);
            string label = "ξ = " + xis[i].ToString("0.###", Invariant);
            PlotCanvas.AddLogLine(plot, rows.Select(r => ((double)r.Step, r.NetworkError)), label + " network", color);
            var pde = PlotCanvas.AddLogLine(plot, rows.Select(r => ((double)r.Step, r.PdeError)), label + " PDE", color);
            if (pde is not null)
            {
                pde.LineWidth = 1.5f;
                pde.LinePattern = LinePattern.Dashed;
            }
        }

        double epsilon = run.Summary?.Epsilon ?? run.Config.Probe.Epsilon;
        PlotCanvas.AddThresholdLine(plot, Math.Log10(epsilon), "ε");
        LimitToNetwork(plot, peaks.Select(p => p.NetworkError).Append(epsilon));
        PlotCanvas.UseLogTicks(plot);
        plot.ShowLegend(Alignment.LowerLeft);
        return PlotCanvas.Save(plot, plotsDir, "peak-errors", title,
            "Relative error |R(ξ)|/|ŷ(ξ)| at each peak of the target's spectrum: the network (solid) and the PDE (dashed) started from the same step-0 spectrum; the dotted line is ε. The vertical range follows the network: the PDE keeps decaying where the network meets its floor (float32 rounding and the finite window).");
    }

    /// <summary>log10 |R(ξ, t)| over (step, ξ ≥ 0) for the network and, when solved, the PDE, on one colour scale.</summary>
    public static PlotFile? WriteHeatmaps(FourierRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        var xi = run.Frequencies;
        if (xi.Length < 2) return null;
        var network = FourierRunFolderReader.GroupSpectra(run.Spectra, xi.Length).ToArray();
        if (network.Length < 2) return null;
        var pde = run.Pde is { Count: > 0 } p ? FourierRunFolderReader.GroupSpectra(p, xi.Length).ToArray() : null;
        double top = Math.Log10(network[0].Spectrum.Max(c => c.Magnitude));
        if (!double.IsFinite(top)) return null;
        var range = new ScottPlot.Range(top - HeatmapDecades, top);
        var panels = new List<Plot> { Heatmap(network, xi, "network", range) };
        if (pde is not null) panels.Add(Heatmap(pde, xi, "PDE", range));
        string title = pde is null ? "Error spectrum |R(ξ, t)| of the network" : "Error spectrum |R(ξ, t)|: network and PDE (one colour scale)";
        return PlotCanvas.SavePanels(panels, plotsDir, "spectrum-heatmaps", title,
            $"log10 |R(ξ, t)| of the residual's non-uniform DFT (ξ ≥ 0, cycles per unit of x) at each probe, the network left and the PDE right, on one colour scale ({HeatmapDecades} decades below the step-0 maximum, clamped).");
    }

    private static Plot Heatmap((long Step, Complex[] Spectrum)[] probes, double[] xi, string who, ScottPlot.Range range)
    {
        var columns = PlotCanvas.SpreadEvenly(probes, MaxHeatmapColumns);
        var values = new double[xi.Length, columns.Length];
        for (int c = 0; c < columns.Length; c++)
            for (int r = 0; r < xi.Length; r++)
            {
                double m = columns[c].Spectrum[r].Magnitude;
                values[r, c] = m > 0 ? Math.Clamp(Math.Log10(m), range.Min, range.Max) : range.Min;
            }

        Plot plot = PlotCanvas.NewPlot($"{who}: log10 |R(ξ, t)|", "gradient-descent step", "ξ (cycles per unit of x)");
        double halfColumn = columns.Length > 1 ? (columns[^1].Step - columns[0].Step) / (2.0 * (columns.Length - 1)) : 0.5;
        double halfRow = (xi[^1] - xi[0]) / (2.0 * (xi.Length - 1));
        var rect = new CoordinateRect(columns[0].Step - halfColumn, columns[^1].Step + halfColumn, xi[0] - halfRow, xi[^1] + halfRow);
        PlotCanvas.AddHeatmap(plot, values, rect, range, "log10 |R|", null);
        plot.Axes.SetLimits(rect.Left, rect.Right, rect.Bottom, rect.Top);
        return plot;
    }

    /// <summary>
    /// Left: |R(ξ)| of the network (solid) and the PDE (dashed) at up to five steps, log scale. Right: the density
    /// ρ(ξ) of the frequencies (cycles) with the target's peaks marked.
    /// </summary>
    public static PlotFile? WriteSpectra(FourierRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        var xi = run.Frequencies;
        if (xi.Length < 2) return null;
        var network = FourierRunFolderReader.GroupSpectra(run.Spectra, xi.Length).ToArray();
        if (network.Length == 0) return null;
        var pde = run.Pde is { Count: > 0 } p ? FourierRunFolderReader.GroupSpectra(p, xi.Length).ToDictionary(s => s.Step, s => s.Spectrum) : null;
        var shown = PlotCanvas.SpreadEvenly(network, 5);
        Plot left = PlotCanvas.NewPlot("Error spectrum at a few steps", "ξ (cycles per unit of x)", "|R(ξ)| (log scale)");
        for (int i = 0; i < shown.Length; i++)
        {
            var color = PlotCanvas.StepColor(i, shown.Length);
            string step = shown[i].Step.ToString(Invariant);
            PlotCanvas.AddLogLine(left, xi.Select((v, j) => (v, shown[i].Spectrum[j].Magnitude)), $"step {step}", color);
            if (pde is not null && pde.TryGetValue(shown[i].Step, out var s))
            {
                var line = PlotCanvas.AddLogLine(left, xi.Select((v, j) => (v, s[j].Magnitude)), $"PDE {step}", color);
                if (line is not null)
                {
                    line.LinePattern = LinePattern.Dashed;
                    line.LineWidth = 1;
                }
            }
        }

        LimitToNetwork(left, shown.SelectMany(p => p.Spectrum.Select(c => c.Magnitude)));
        PlotCanvas.UseLogTicks(left);
        left.ShowLegend(Alignment.UpperRight);

        var rho = FourierAnalysis.CyclesDensity(run.Config);
        Plot right = PlotCanvas.NewPlot("Frequency density ρ(ξ)", "ξ (cycles per unit of x)", "ρ(ξ)");
        var density = right.Add.ScatterLine(xi, xi.Select(rho).ToArray());
        density.Color = Colors.Black;
        density.LineWidth = 2;
        density.LegendText = run.Summary?.Density ?? run.Config.Network.Density.ToDensity().ToString();
        if (run.Summary is { } summary)
        {
            for (int i = 0; i < summary.Peaks.Count; i++)
            {
                var line = right.Add.VerticalLine(summary.Peaks[i].Xi);
                line.Color = Palette.GetColor(i);
                line.LineWidth = 1.5f;
                line.LegendText = "peak ξ = " + summary.Peaks[i].Xi.ToString("0.###", Invariant);
            }
        }

        right.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.SavePanels([left, right], plotsDir, "spectra", "Error spectra and the frequency density",
            "Left: |R(ξ)| of the network (solid) and the PDE (dashed) at a few steps (vertical range from the network's values). Right: the density ρ(ξ) of the first-layer frequencies in cycles (ρ(ξ) = 2π ρ_w(2πξ)) with the target's peaks: without diffusion, frequency ξ is learnt at rate C·ρ(ξ).");
    }

    /// <summary>
    /// Vertical limits (log10 axis) from one decade below the smallest positive network value to half a decade above
    /// the largest: the PDE's solution decays without a floor and would otherwise squeeze the network's curves.
    /// </summary>
    private static void LimitToNetwork(Plot plot, IEnumerable<double> networkValues)
    {
        var positive = networkValues.Where(v => v > 0 && double.IsFinite(v)).ToArray();
        if (positive.Length == 0) return;
        double low = Math.Floor(Math.Log10(positive.Min())) - 1, high = Math.Log10(positive.Max()) + 0.5;
        plot.Axes.SetLimitsY(low, Math.Max(high, low + 1));
    }

    /// <summary>The loss (1/2n) Σ (f − y)² against steps, log scale.</summary>
    public static PlotFile? WriteLoss(FourierRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Loss.Count == 0) return null;
        const string title = "Training loss";
        Plot plot = PlotCanvas.NewPlot(title, "gradient-descent step", "(1/2n) Σ (f − y)² (log scale)");
        PlotCanvas.AddLogLine(plot, run.Loss.Select(r => ((double)r.Step, r.Loss)), "loss", Palette.GetColor(0));
        PlotCanvas.UseLogTicks(plot);
        return PlotCanvas.Save(plot, plotsDir, "loss", title, "The loss (1/2n) Σ (f − y)² at each probe.");
    }

    /// <summary>The target and the network's output at step 0 and at the end, on the training points.</summary>
    public static PlotFile? WriteFit(FourierRunData run, string plotsDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Fit is not { Count: > 0 } fit) return null;
        const string title = "Target and network output";
        Plot plot = PlotCanvas.NewPlot(title, "x", "f(x)");
        var x = fit.Select(r => r.X).ToArray();
        foreach (var (values, legend, color, width) in new (double[], string, Color, float)[]
                 {
                     (fit.Select(r => r.Target).ToArray(), "target", Colors.Black, 3),
                     (fit.Select(r => r.Initial).ToArray(), "network, step 0", Palette.GetColor(0), 1.5f),
                     (fit.Select(r => r.Final).ToArray(), "network, last step", Palette.GetColor(1), 2),
                 })
        {
            var line = plot.Add.ScatterLine(x, values);
            line.LegendText = legend;
            line.Color = color;
            line.LineWidth = width;
        }

        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Save(plot, plotsDir, "fit", title,
            "The target and the network's output at step 0 and at the end, on the training points.");
    }
}
